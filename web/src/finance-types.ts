/** Budget, forecast, alert and KPI answers as the API sends them (money as decimal strings). */

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
