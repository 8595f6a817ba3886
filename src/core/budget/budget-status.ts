import { addDays, daysBetween, earlierDay } from '../forecast/day-dates.js';
import { type ForecastBound, type ForecastMoneyDay, sumForecastDays } from '../forecast/forecast-money.js';
import { Decimal } from '../money.js';
import type { Budget } from './budget-model.js';
import type { BudgetPeriod } from './budget-period.js';

export interface BudgetStatusInput {
  budget: Budget;
  period: BudgetPeriod;
  /** The day the status is for; data is counted up to the day before. */
  asOf: string;
  /** Last day with cost lines in the scope (before asOf), or null when there are none. */
  dataThrough: string | null;
  /** Exact cost of the period up to dataThrough. */
  actual: string;
  /** Exact cost of dataThrough itself: the fast burn window. */
  lastDay: string;
  /** Forecast days after dataThrough (at least to the period's end). */
  forecast: ForecastMoneyDay[];
  /** The period total the previous stored forecast gave, if any. */
  previousForecastTotal: string | null;
  method: string;
  mase: number | null;
  intervalSource: string;
  warnings: string[];
}

export interface BudgetStatus {
  budget: string;
  period: BudgetPeriod;
  asOf: string;
  dataThrough: string | null;
  amount: string;
  currency: string;
  metric: string;
  actual: string;
  /** Amount minus actual, exact (negative: overspent); the one figure every view shows as left. */
  remaining: string;
  /** Actual + forecast of the rest of the period, with its interval. */
  forecastTotal: string;
  forecastInterval: { lo80: string; hi80: string; lo95: string; hi95: string };
  varianceVsBudget: string;
  variancePercent: number;
  previousForecastTotal: string | null;
  varianceVsPreviousForecast: string | null;
  daysElapsed: number;
  daysLeft: number;
  /** Average daily spend of the period so far. */
  runRate: string;
  /** Daily spend from now on that lands exactly on budget (negative: already over). */
  requiredDailyRate: string;
  budgetedDailyRate: string;
  lastDay: string;
  method: string;
  mase: number | null;
  intervalSource: string;
  warnings: string[];
}

/**
 * Where a budget stands: actual to date, forecast to the period's end, variance, days left and
 * the burn rate needed to land on budget. The interval of the period total adds the daily
 * bounds, which treats the days' errors as moving together: wider than independent errors
 * would give, the honest choice when cost errors persist (a resized fleet stays resized).
 */
export function computeBudgetStatus(input: BudgetStatusInput): BudgetStatus {
  const { budget, period } = input;
  const amount = new Decimal(budget.amount);
  const actual = new Decimal(input.actual);
  const remaining = input.forecast.filter((day) => day.date >= period.start && day.date < period.end);
  const sum = (pick: ForecastBound) => sumForecastDays(remaining, pick);
  const forecastTotal = actual.plus(sum('point'));
  const asOfClamped = earlierDay(input.asOf, period.end);
  const daysLeft = Math.max(0, daysBetween(asOfClamped, period.end));
  const counted =
    input.dataThrough && input.dataThrough >= period.start ? addDays(input.dataThrough, 1) : period.start;
  const countedEnd = earlierDay(counted, period.end);
  const daysElapsed = Math.max(0, daysBetween(period.start, countedEnd));
  const budgetedDailyRate = amount.div(period.days);
  const daysToPay = daysBetween(countedEnd, period.end);
  const previous = input.previousForecastTotal === null ? null : new Decimal(input.previousForecastTotal);
  const variance = forecastTotal.minus(amount);
  return {
    budget: budget.name,
    period,
    asOf: input.asOf,
    dataThrough: input.dataThrough,
    amount: amount.toString(),
    currency: budget.currency,
    metric: budget.metric,
    actual: actual.toString(),
    remaining: amount.minus(actual).toString(),
    forecastTotal: forecastTotal.toFixed(2),
    forecastInterval: {
      lo80: actual.plus(sum('lo80')).toFixed(2),
      hi80: actual.plus(sum('hi80')).toFixed(2),
      lo95: actual.plus(sum('lo95')).toFixed(2),
      hi95: actual.plus(sum('hi95')).toFixed(2),
    },
    varianceVsBudget: variance.toFixed(2),
    variancePercent: Number(variance.div(amount).times(100).toFixed(2)),
    previousForecastTotal: previous ? previous.toFixed(2) : null,
    varianceVsPreviousForecast: previous ? forecastTotal.minus(previous).toFixed(2) : null,
    daysElapsed,
    daysLeft,
    runRate: daysElapsed > 0 ? actual.div(daysElapsed).toFixed(2) : '0.00',
    requiredDailyRate:
      daysToPay > 0 ? amount.minus(actual).div(daysToPay).toFixed(2) : amount.minus(actual).toFixed(2),
    budgetedDailyRate: budgetedDailyRate.toFixed(2),
    lastDay: new Decimal(input.lastDay).toString(),
    method: input.method,
    mase: input.mase,
    intervalSource: input.intervalSource,
    warnings: input.warnings,
  };
}
