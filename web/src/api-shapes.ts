/**
 * Shapes of the answers the server still declares as 'any object' in its OpenAPI document
 * (route responses typed `anyObject`). api-types.ts uses one only while the generated type is
 * loose: once a route's response schema is tied to its core type, the generated type takes over
 * and the shape here can go.
 */

export interface BudgetDescription {
  name: string;
  /** Cost-line filters, e.g. ["business-unit=commerce", "currency=USD"]; empty for everything. */
  scope: string[];
  period: 'month' | 'quarter' | 'fiscal-year';
  fiscalYearStartMonth: number;
  amount: string;
  currency: string;
  metric: string;
  class: string;
  thresholds: string[];
}

export interface BudgetStatus {
  budget: string;
  period: { start: string; end: string; days: number; label: string };
  asOf: string;
  dataThrough: string | null;
  amount: string;
  currency: string;
  metric: string;
  actual: string;
  forecastTotal: string | null;
  forecastInterval: { lo80: string; hi80: string; lo95: string; hi95: string } | null;
  varianceVsBudget: string | null;
  variancePercent: number | null;
  daysElapsed: number;
  daysLeft: number;
  runRate: string | null;
  requiredDailyRate: string | null;
  budgetedDailyRate: string;
  lastDay: string;
  method: string | null;
  warnings: string[];
}

/** GET /api/v1/budgets/:name/status answers the status and the forecast behind it. */
export interface BudgetStatusAnswer {
  status: BudgetStatus;
  forecast: { method: string; reason: string } | null;
}

/** GET /api/v1/budgets/status: every budget at once; one that cannot be measured carries its error. */
export interface BudgetStatusesAnswer {
  asOf: string;
  budgets: {
    name: string;
    budget: BudgetDescription;
    status: BudgetStatus | null;
    forecast: { method: string; reason: string } | null;
    scopeKey: string | null;
    error: { code: string; message: string } | null;
  }[];
}

export interface ForecastDay {
  date: string;
  point: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

export interface ForecastAnswer {
  scopeKey: string;
  currency: string;
  dataThrough: string;
  firstForecastDay: string;
  forecast: { method: string; reason: string; days: ForecastDay[]; warnings: string[] } | null;
}

export interface AlertContributor {
  dimension: string;
  value: string | null;
  change: string;
  [key: string]: unknown;
}

export interface AlertRecord {
  id: number;
  budget: string;
  kind: 'burn-rate' | 'threshold' | 'anomaly';
  severity: 'page' | 'ticket';
  status: 'open' | 'acknowledged' | 'resolved';
  title: string;
  details: Record<string, unknown>;
  openedAt: string;
  lastSeenAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export interface UnitCosts {
  currency: string;
  deployments: number;
  total: string;
  perDeployment: string | null;
  byTeamMonth: { month: string; team: string; deployments: number; cost: string }[];
}

export interface KpiAnswer {
  unitCosts: UnitCosts;
  [key: string]: unknown;
}

export type ChangeType = 'standard' | 'normal' | 'emergency';
export type ChangeStatus = 'open' | 'rejected' | 'closed';

export interface Change {
  id: string;
  service: string;
  environment: string;
  changeType: ChangeType;
  releaseId?: string;
  version?: string;
  requestedBy: string;
  estimatedCost: string;
  justification?: { reason: string; expediteCost: string; costOfDelayPerWeek: string };
  status: ChangeStatus;
  createdAt: string;
  readyAt: string;
  closedAt?: string;
}

export interface Approval {
  changeId: string;
  approver: string;
  role: string;
  kind: 'approval' | 'sign-off';
  decision: 'approve' | 'reject';
  comment?: string;
  at: string;
}

export interface ChangeDetail {
  change: Change;
  approvals: Approval[];
}

export interface GateDecision {
  decision: 'allow' | 'deny';
  reasons: { check: string; ok: boolean; detail: string }[];
  service: string;
  environment: string;
  changeType: ChangeType;
  version: string | null;
  releaseId: string | null;
  changeId: string | null;
  at: string;
  policyVersion?: string;
  budget?: {
    currency: string;
    amount: string | null;
    spent: string;
    estimate: string;
    headroom: string | null;
  };
  requiredApprovals?: {
    role: string;
    quorum: number;
    eligible: number;
    approvedBy: string[];
    missing: number;
  }[];
}

export interface CatalogService {
  id: string;
  name: string;
  ownerTeam: string;
  costCentre: string;
  criticality: string;
  environments: string[];
}

export interface CatalogAnswer {
  version: number;
  catalog: {
    teams: { id: string; name: string; costCentre: string }[];
    services: CatalogService[];
    environments: { id: string; name: string; production: boolean }[];
    costCentres: { id: string; name: string; businessUnit: string }[];
    businessUnits: { id: string; name: string }[];
  };
}

export interface ReleaseRow {
  id: string;
  name: string;
  status: 'open' | 'closed';
  services: string[];
  plannedDate: string;
  currency: string;
  budget: string | null;
  estimate: string;
  actual: string;
  variance: string;
}

export interface ReleaseReport {
  release: {
    id: string;
    name: string;
    services: string[];
    status: 'open' | 'closed';
    currency: string;
    budget?: string;
    plannedDate: string;
    costOfDelayPerWeek: string;
    spendClass: 'capex' | 'opex';
    spendReason: string;
    createdAt: string;
    closedAt?: string;
  };
  estimate: {
    currency: string;
    lines: { kind: string; item: string; quantity: string; rate: string; amount: string }[];
    labour: string;
    licences: string;
    environments: string;
    subtotal: string;
    contingency: string;
    total: string;
  };
  actuals: {
    labour: string;
    deployments: string;
    cloud: string;
    deploymentCount: number;
    failedDeployments: number;
  };
  variance: {
    estimate: string;
    actual: string;
    variance: string;
    variancePercent: string | null;
    budget: string | null;
    budgetRemaining: string | null;
  };
  notes: string[];
}

export interface Deployment {
  id: string;
  service: string;
  environment: string;
  version: string;
  startedAt: string;
  finishedAt: string;
  outcome: 'succeeded' | 'failed' | 'rolled_back';
  changeType: ChangeType;
  releaseId?: string;
  changeRequestId?: string;
  triggeredBy: string;
  cost: { currency: string; deployment: string; rollbackWork: string; total: string };
}

interface DoraFigures {
  deployments: number;
  leadTime: { count: number; medianHours: number | null; p90Hours: number | null };
  changeFailureRate: { failures: number; rate: number | null };
  timeToRestore: { failures: number; restored: number; medianHours: number | null; p90Hours: number | null };
}

export interface KpiReport {
  period: { from: string; to: string };
  service: string | null;
  dora: DoraFigures & {
    deploymentFrequency: {
      service: string;
      environment: string;
      deploymentDays: number;
      weeks: number;
      perWeek: number;
    }[];
    byService: (DoraFigures & { service: string })[];
  };
  itil: {
    successRate: { deployments: number; succeeded: number; rate: number | null };
    scheduleAdherence: { planned: number; onTime: number; rate: number | null; late: string[] };
    backlogThroughput: { opened: number; closed: number; closedPerWeek: number; openAtEnd: number };
    leadTimeToDeploy: { count: number; medianHours: number | null };
  };
  unitCosts: {
    currency: string;
    deployments: number;
    total: string;
    perDeployment: string | null;
    rollbacks: number;
    perRollback: string | null;
    byTeamMonth: { month: string; team: string; deployments: number; cost: string }[];
    teamFrequencyVsCost: { team: string; deploymentsPerWeek: number; perDeployment: string }[];
  };
}

interface ProcessScenario {
  runCost: string;
  opportunityCost: string;
  total: string;
  perChange: string;
  perMonth: string;
}

export interface ProcessCostReport {
  currency: string;
  service: string;
  changes: number;
  months: number;
  setupCost: string;
  assumptions: string[];
  current: ProcessScenario;
  whatIf: ProcessScenario;
  savingPerMonth: string;
  lines: {
    changeId: string;
    changeType: ChangeType;
    whatIfType: ChangeType;
    waitHours: number;
    runCost: string;
    opportunityCost: string;
    whatIfRunCost: string;
    whatIfOpportunityCost: string;
  }[];
}

export interface RuleSetVersion {
  version: number;
  appliedAt: string;
  appliedBy: string;
  effectiveFrom: string;
  sourcePath: string;
  restoredFrom: number | null;
}

export interface RuleDiff {
  from: { version: number; effectiveFrom: string };
  to: { version: number; effectiveFrom: string };
  effectiveFromChanged: boolean;
  tagKeysChanged: boolean;
  changes: {
    list: 'mapping' | 'shared';
    id: string;
    change: 'added' | 'removed' | 'changed' | 'moved';
    before: { position: number; rule: unknown } | null;
    after: { position: number; rule: unknown } | null;
  }[];
}

export interface OwnerMove {
  owner: string | null;
  currency: string;
  before: string;
  after: string;
  change: string;
}

export interface RulesPreview {
  period: string;
  dimension: string;
  currentVersion: number | null;
  moves: OwnerMove[];
  unallocated: {
    currency: string;
    total: string;
    before: string;
    after: string;
    beforeShare: string;
    afterShare: string;
  }[];
  emptySplits: { period: string; currency: string; ruleId: string; reason: string }[];
  warnings: string[];
}

export interface QualityReport {
  period: string;
  lineCount: number;
  tagCoverage: { tag: string; currency: string; taggedCost: string; total: string; percent: string }[];
  unallocated:
    | {
        currency: string;
        unallocatedCost: string;
        total: string;
        percent: string;
        goalPercent: string;
        withinGoal: boolean | null;
      }[]
    | null;
  allocationRun: { id: number; ruleSetVersion: number } | null;
  unknownTagValues: { tag: string; value: string; currency: string; effectiveCost: string }[];
  untaggedResources: {
    resourceId: string | null;
    serviceName: string | null;
    currency: string;
    effectiveCost: string;
  }[];
}

export interface Amounts {
  billedCost: string;
  effectiveCost: string;
}

export interface StatementCurrency {
  currency: string;
  direct: ({ service: string | null; provider: string | null; providerService: string | null } & Amounts)[];
  shared: ({ ruleId: string; method: string; driver: string | null } & Amounts)[];
  adjustments: ({ provider: string | null; providerService: string | null } & Amounts)[];
  credits: ({ provider: string | null; providerService: string | null } & Amounts)[];
  totals: { direct: Amounts; shared: Amounts; adjustments: Amounts; credits: Amounts; total: Amounts };
  recovery: { charged: string; subsidised: string };
}

export interface TeamStatement {
  team: { id: string; name: string; costCentre: string; businessUnit: string | null };
  period: string;
  model: 'showback' | 'full' | 'partial';
  subsidyPercent: string;
  metric: 'effective';
  run: { id: number; ruleSetVersion: number; catalogVersion: number; loadIds: number[]; startedAt: string };
  closed: boolean;
  currencies: StatementCurrency[];
}
