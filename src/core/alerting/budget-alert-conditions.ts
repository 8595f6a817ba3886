import type { Budget } from '../budget/budget-model.js';
import type { BudgetStatus } from '../budget/budget-status.js';
import { addDays } from '../forecast/day-dates.js';
import { Decimal } from '../money.js';
import { formatAlertAmount, formatAlertPercent } from './alert-figure-text.js';
import type { AlertCondition } from './alert-model.js';
import { buildExplorerLink } from './explorer-link.js';

export interface BurnRates {
  /** The last day of data against the budgeted daily rate. */
  fast: number;
  /** The period so far against the budgeted spend for the same days. */
  slow: number;
  /** Days until the budget is spent at the last day's rate; null when nothing is spent. */
  daysToExhaustion: number | null;
}

export function measureBurnRates(status: BudgetStatus): BurnRates {
  const daily = new Decimal(status.amount).div(status.period.days);
  const lastDay = new Decimal(status.lastDay);
  const fast = Number(lastDay.div(daily).toFixed(4));
  const slow =
    status.daysElapsed > 0
      ? Number(new Decimal(status.actual).div(daily.times(status.daysElapsed)).toFixed(4))
      : 0;
  const left = new Decimal(status.amount).minus(status.actual);
  const daysToExhaustion = lastDay.gt(0) ? Math.max(0, Number(left.div(lastDay).toFixed(2))) : null;
  return { fast, slow, daysToExhaustion };
}

/**
 * The alerts a budget's status calls for (policy and reasoning in budget-model.ts):
 * 1. page: fast burn >= pageFastBurn and slow burn >= pageSlowBurn and, at the last day's
 *    rate, the budget is spent before the period ends (multiwindow: the fast window says it
 *    is happening now, the slow one that it is not a blip);
 * 2. ticket: slow burn >= ticketSlowBurn after ticketMinElapsedDays days (drift);
 * 3. one threshold ticket per budget and period, whatever the number of thresholds reached
 *    (actual or forecast total >= percent of the budget): it names the highest reached and
 *    escalates (50 -> 80 -> 100%) as the period goes on, instead of one ticket per threshold.
 */
export function budgetAlertConditions(budget: Budget, status: BudgetStatus): AlertCondition[] {
  const policy = budget.burnRate;
  const rates = measureBurnRates(status);
  const base = `${budget.name}:${status.period.label}`;
  const daysLeftFromData = status.period.days - status.daysElapsed;
  const facts = {
    period: status.period.label,
    amount: status.amount,
    currency: status.currency,
    actual: status.actual,
    forecastTotal: status.forecastTotal,
    burnRate: rates,
    daysLeft: status.daysLeft,
    requiredDailyRate: status.requiredDailyRate,
    explorer: buildExplorerLink({
      filters: budget.scope.filters,
      metric: budget.metric,
      currency: budget.currency,
      from: status.period.start,
      until: addDays(status.period.end, -1),
      by: 'service',
    }),
  };
  const conditions: AlertCondition[] = [];
  if (
    rates.fast >= policy.pageFastBurn &&
    rates.slow >= policy.pageSlowBurn &&
    rates.daysToExhaustion !== null &&
    rates.daysToExhaustion < daysLeftFromData
  ) {
    conditions.push({
      key: `${base}:burn-rate:page`,
      budget: budget.name,
      kind: 'burn-rate',
      severity: 'page',
      title: `Budget ${budget.name} is burning ${rates.fast.toFixed(1)}x its daily rate; at this pace it is spent in ${rates.daysToExhaustion.toFixed(1)} days, ${daysLeftFromData} days before ${status.period.label} ends`,
      details: facts,
    });
  }
  if (rates.slow >= policy.ticketSlowBurn && status.daysElapsed >= policy.ticketMinElapsedDays) {
    conditions.push({
      key: `${base}:burn-rate:ticket`,
      budget: budget.name,
      kind: 'burn-rate',
      severity: 'ticket',
      title: `Budget ${budget.name} has spent ${rates.slow.toFixed(2)}x its pace over ${status.daysElapsed} days of ${status.period.label}`,
      details: facts,
    });
  }
  const threshold = thresholdCondition(budget, status, base, facts);
  if (threshold) conditions.push(threshold);
  return conditions;
}

/** Escalation level of a threshold alert: the highest percent reached; 0 for other alerts. */
export function escalationLevel(details: Record<string, unknown>): number {
  const level = details.level;
  return typeof level === 'number' ? level : 0;
}

/** Step 3: the thresholds reached, highest first (actual before forecast at the same percent). */
function thresholdCondition(
  budget: Budget,
  status: BudgetStatus,
  base: string,
  facts: Record<string, unknown>,
): AlertCondition | undefined {
  const amount = new Decimal(status.amount);
  const reached = budget.thresholds
    .map((threshold) => {
      const value = new Decimal(threshold.basis === 'actual' ? status.actual : status.forecastTotal);
      return { threshold, percent: Number(value.div(amount).times(100).toFixed(2)) };
    })
    .filter(({ threshold, percent }) => percent >= threshold.percent)
    .sort(
      (a, b) =>
        b.threshold.percent - a.threshold.percent ||
        Number(b.threshold.basis === 'actual') - Number(a.threshold.basis === 'actual'),
    );
  const top = reached[0];
  if (!top) return undefined;
  const { threshold, percent } = top;
  return {
    key: `${base}:threshold`,
    budget: budget.name,
    kind: 'threshold',
    severity: 'ticket',
    title: `Budget ${budget.name}: ${threshold.basis} ${threshold.basis === 'actual' ? 'spend' : 'total for the period'} is ${formatAlertPercent(percent)} of ${formatAlertAmount(status.amount)} ${status.currency} (threshold ${threshold.percent}% reached${reached.length > 1 ? `; ${reached.length} thresholds reached in all` : ''})`,
    details: {
      ...facts,
      threshold,
      percent,
      level: threshold.percent,
      reached: reached.map((r) => ({ ...r.threshold, percent: r.percent })),
    },
  };
}
