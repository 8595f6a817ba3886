import type { AlertRecord, BudgetStatus } from '../api-types.js';
import { Decimal } from '../money-text.js';

export interface BurnRates {
  /** The last day's spend over the budgeted daily rate (multiwindow: "now"). */
  fast: string;
  /** The period so far over the budgeted pace ("not a blip"). */
  slow: string;
  /** Days until the budget is spent at the last day's rate; null when nothing is being spent. */
  daysToExhaustion: string | null;
}

/** Burn rates as the alerting rules measure them (core/alerting/budget-alert-conditions.ts). */
export function measureBurnRates(status: BudgetStatus): BurnRates {
  const daily = new Decimal(status.amount).div(status.period.days);
  const lastDay = new Decimal(status.lastDay);
  const fast = daily.isZero() ? new Decimal(0) : lastDay.div(daily);
  const slow =
    status.daysElapsed > 0 && !daily.isZero()
      ? new Decimal(status.actual).div(daily.times(status.daysElapsed))
      : new Decimal(0);
  const left = new Decimal(status.remaining);
  return {
    fast: fast.toFixed(2),
    slow: slow.toFixed(2),
    daysToExhaustion: lastDay.gt(0) ? Decimal.max(0, left.div(lastDay)).toFixed(1) : null,
  };
}

export interface AlertFigures {
  expected: string | null;
  actual: string | null;
  /** What "expected" means for this kind of alert. */
  expectedLabel: string;
  currency: string | null;
}

/** Expected against actual for any alert kind, read from its details (decimal strings). */
export function alertFigures(alert: AlertRecord): AlertFigures {
  const details = alert.details;
  const text = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  const currency = text(details.currency);
  if (alert.kind === 'anomaly') {
    return {
      expected: text(details.expected),
      actual: text(details.actual),
      expectedLabel: 'expected',
      currency,
    };
  }
  const threshold = details.threshold as { basis?: string } | undefined;
  if (alert.kind === 'threshold' && threshold?.basis === 'forecast') {
    return {
      expected: text(details.amount),
      actual: text(details.forecastTotal),
      expectedLabel: 'budget',
      currency,
    };
  }
  return { expected: text(details.amount), actual: text(details.actual), expectedLabel: 'budget', currency };
}

export interface Contributor {
  dimension: string;
  value: string | null;
  change: string;
}

/** The top contributors an anomaly alert carries (largest change first), at most `limit`. */
export function topContributors(alert: AlertRecord, limit = 3): Contributor[] {
  const list = alert.details.contributors;
  if (!Array.isArray(list)) return [];
  return list
    .filter(
      (item): item is Contributor =>
        typeof item === 'object' && item !== null && 'dimension' in item && 'change' in item,
    )
    .slice(0, limit);
}

export interface DeploymentRecord {
  id: string;
  service: string;
  version: string;
  environment: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: string;
  changeType: string;
  changeRequestId?: string | null;
  cost: { currency: string; total: string } | null;
}

/** Deployments per day and outcome, for the days of the cost timeline. */
export function deploymentsPerDay(
  deployments: DeploymentRecord[],
  days: string[],
): { outcome: string; counts: number[] }[] {
  const index = new Map(days.map((day, position) => [day, position]));
  const outcomes = new Map<string, number[]>();
  for (const deployment of deployments) {
    const position = index.get(deployment.startedAt.slice(0, 10));
    if (position === undefined) continue;
    const counts = outcomes.get(deployment.outcome) ?? days.map(() => 0);
    counts[position]! += 1;
    outcomes.set(deployment.outcome, counts);
  }
  const order = ['succeeded', 'failed', 'rolled_back'];
  const rank = (outcome: string) => (order.includes(outcome) ? order.indexOf(outcome) : order.length);
  return [...outcomes.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([outcome, counts]) => ({ outcome, counts }));
}
