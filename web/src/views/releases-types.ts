/** Shapes of the release, deployment and KPI answers (see /api/v1/openapi.json). */
import type { ChangeType } from './approvals-types.js';

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
