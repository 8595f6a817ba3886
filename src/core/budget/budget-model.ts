import type { CostFilter, CostMetric } from '../costs/cost-query.js';

export const PERIOD_KINDS = ['month', 'quarter', 'fiscal-year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const COST_CLASSES = ['opex', 'capex'] as const;
export type CostClass = (typeof COST_CLASSES)[number];

/** Owners from the catalogue; they become filters once allocated costs carry owner dimensions. */
export const OWNER_KINDS = ['team', 'service', 'cost-centre', 'business-unit', 'environment'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

export interface OwnerScope {
  kind: OwnerKind;
  id: string;
}

/**
 * What a budget covers: cost lines matching every filter (the same filters as `tollgate costs
 * --filter`: canonical columns and tags), and optionally an owner from the catalogue.
 */
export interface BudgetScope {
  filters: CostFilter[];
  owner?: OwnerScope;
}

/** "Alert when actual spend (or the forecast) reaches percent of the budget." */
export interface BudgetThreshold {
  basis: 'actual' | 'forecast';
  percent: number;
}

/**
 * Burn-rate alerting in the style of SRE error budgets (Google SRE Workbook, "Alerting on
 * SLOs", multiwindow multi-burn-rate). A burn rate of 1 spends the budget exactly by the
 * period's end. Defaults and their reasoning:
 * - page when the fast window (the last day of data) burns at >= 3x the budgeted daily rate
 *   AND the slow window (the period so far) is already at >= 1.1x, AND at the last day's rate
 *   the budget runs out before the period ends. A 3x day alone is often a batch job or a
 *   month-start fee; requiring the period-to-date to be over pace too keeps one-day blips in a
 *   healthy month from waking anyone, while a real runaway (a leaked cluster) trips both
 *   within a day or two. Billing data lands daily, so a day is the shortest window that has data.
 * - ticket when the period so far burns at >= 1.2x (on course to overrun by a fifth) after
 *   at least 5 days: slow drift that needs a look this week, not tonight; earlier in the
 *   period a handful of days say too little.
 */
export interface BurnRatePolicy {
  pageFastBurn: number;
  pageSlowBurn: number;
  ticketSlowBurn: number;
  ticketMinElapsedDays: number;
}

export const DEFAULT_BURN_RATE: BurnRatePolicy = {
  pageFastBurn: 3,
  pageSlowBurn: 1.1,
  ticketSlowBurn: 1.2,
  ticketMinElapsedDays: 5,
};

export const DEFAULT_THRESHOLDS: BudgetThreshold[] = [
  { basis: 'actual', percent: 50 },
  { basis: 'forecast', percent: 80 },
  { basis: 'forecast', percent: 100 },
];

export interface Budget {
  name: string;
  scope: BudgetScope;
  period: PeriodKind;
  /** First month (1-12) of the fiscal year; quarters follow it too. */
  fiscalYearStartMonth: number;
  /** Exact decimal text, > 0. */
  amount: string;
  currency: string;
  metric: CostMetric;
  costClass: CostClass;
  thresholds: BudgetThreshold[];
  burnRate: BurnRatePolicy;
}
