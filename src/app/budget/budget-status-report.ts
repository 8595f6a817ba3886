import type { Budget } from '../../core/budget/budget-model.js';
import { periodContaining } from '../../core/budget/budget-period.js';
import { type BudgetStatus, computeBudgetStatus } from '../../core/budget/budget-status.js';
import type { RateBasis } from '../../core/currency/convert-amount.js';
import { TollgateError } from '../../core/errors.js';
import { type FieldLabels, labelOf } from '../../core/field-labels.js';
import { addDays, daysBetween, earlierDay, isDayText, laterDay } from '../../core/forecast/day-dates.js';
import { sumExactSeriesDays, toModelSeries } from '../../core/forecast/exact-charge-series.js';
import { forecastCostSeries } from '../../core/forecast/forecast-cost-series.js';
import { type MoneyForecast, toMoneyForecast } from '../../core/forecast/forecast-money.js';
import { Decimal } from '../../core/money.js';
import type { ForecastSnapshot } from '../../ports/forecast-store.js';
import type { Stores } from '../../ports/stores.js';
import { loadChargeSeries, type ScopeSeries, scanningStore } from '../forecast/load-charge-series.js';
import { conversionNote, convertBudgetSeries, convertedBudgetSum } from './convert-budget-series.js';
import { scopeKeyOf } from './scope-key.js';

export const HISTORY_DAYS = 182;

export interface BudgetStatusReport {
  status: BudgetStatus;
  forecast: MoneyForecast | null;
  scopeKey: string;
  series: ScopeSeries;
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The days a status of `budget` on `asOf` looks at: its period, the end of its data, its history. */
export function budgetStatusWindow(budget: Budget, asOf: string, labels: FieldLabels<'asOf'> = {}) {
  if (!isDayText(asOf))
    throw new TollgateError(
      'BUDGET_BAD_DATE',
      `${labelOf(labels, 'asOf')} ${asOf} is not a date; write YYYY-MM-DD.`,
      'usage',
    );
  const period = periodContaining(asOf, budget.period, budget.fiscalYearStartMonth);
  const until = earlierDay(asOf, period.end);
  return { period, until, historyFrom: addDays(until, -HISTORY_DAYS) };
}

export type BudgetStatusWindow = ReturnType<typeof budgetStatusWindow>;

/** The one series a budget is measured on, or the reason there is none to measure. */
export function pickBudgetSeries(
  budget: Budget,
  window: BudgetStatusWindow,
  scopes: ScopeSeries[],
): ScopeSeries {
  const where = scopeKeyOf(budget.scope.filters);
  if (scopes.length === 0)
    throw new TollgateError(
      'BUDGET_NO_DATA',
      `Budget ${budget.name}: no cost lines for its scope (${where}) in the ${HISTORY_DAYS} days before ${window.until}, so there is nothing to measure or forecast ${window.period.label} from. Load the billing data for the period, or measure as of another day.`,
      'not-found',
    );
  return scopes[0]!;
}

/** What a status needs from the cost store besides the series: exact sums of the scope. */
export interface ExactBudgetSums {
  /** Cost of the period up to `until` (zero when the data ends before the period). */
  actual: Decimal;
  /** Cost of the last day with data, when it lies in the period (zero otherwise). */
  lastDay: Decimal;
}

/**
 * A budget's status on `asOf` (default today, UTC): exact actuals from the store, the forecast
 * of the rest of the period from the scope's own history, and the previous stored forecast.
 * `reportBudgetStatuses` answers the same for many budgets with grouped queries. A scope that
 * spends in other currencies than the budget's is converted into it (convert-budget-series.ts),
 * at each charge day's rate or the month's (`rateBasis`), and the status says so.
 */
export async function reportBudgetStatus(
  stores: Stores,
  budget: Budget,
  asOf: string,
  labels: FieldLabels<'asOf'> = {},
  rateBasis: RateBasis = 'day',
): Promise<BudgetStatusReport> {
  const window = budgetStatusWindow(budget, asOf, labels);
  const scopes = await loadChargeSeries(scanningStore(stores), {
    filters: budget.scope.filters,
    metric: budget.metric,
    from: window.historyFrom,
    to: window.until,
  });
  const converted = scopes.some((scope) => scope.currency !== budget.currency);
  const series = converted
    ? await convertBudgetSeries(stores, budget, scopes, rateBasis)
    : pickBudgetSeries(budget, window, scopes);
  const dataThrough = series.lastDay;
  const exact = async (from: string, to: string) => {
    if (converted) return convertedBudgetSum(stores, budget, from, to, rateBasis);
    const rows = await stores.costs.queryCosts({
      groupBy: [],
      filters: budget.scope.filters,
      metric: budget.metric,
      from,
      to,
    });
    return rows.reduce((total, row) => total.plus(row.cost), new Decimal(0));
  };
  const inPeriod = dataThrough >= window.period.start;
  const sums: ExactBudgetSums = {
    actual: inPeriod ? await exact(window.period.start, window.until) : new Decimal(0),
    lastDay: inPeriod ? await exact(dataThrough, addDays(dataThrough, 1)) : new Decimal(0),
  };
  const snapshots = await stores.forecasts.listSnapshots(scopeKeyOf(budget.scope.filters));
  const report = await completeBudgetStatus(stores, budget, asOf, window, series, sums, snapshots);
  if (converted) report.status.warnings.unshift(conversionNote(budget, scopes, rateBasis));
  return report;
}

/**
 * The status from the loaded inputs: warnings about late data, the forecast of the rest of the
 * period, the previous snapshot's view of it (`snapshots`: this scope's, newest first).
 */
export async function completeBudgetStatus(
  stores: Stores,
  budget: Budget,
  asOf: string,
  window: BudgetStatusWindow,
  series: ScopeSeries,
  sums: ExactBudgetSums,
  snapshots: ForecastSnapshot[],
): Promise<BudgetStatusReport> {
  const { period, until } = window;
  const dataThrough = series.lastDay;
  const warnings: string[] = [];
  if (dataThrough < period.start)
    warnings.push(
      `no cost lines in ${period.label} yet (data ends ${dataThrough}); the whole period is forecast from earlier history`,
    );
  else if (daysBetween(dataThrough, until) > 3)
    warnings.push(
      `data ends ${dataThrough}, ${daysBetween(dataThrough, until)} days before ${until}; later days are forecast`,
    );
  const firstForecastDay = addDays(dataThrough, 1);
  const horizon = daysBetween(firstForecastDay, period.end);
  const forecast =
    horizon > 0 ? toMoneyForecast(forecastCostSeries(toModelSeries(series.series), horizon)) : null;
  if (forecast) warnings.push(...forecast.warnings);
  const scopeKey = scopeKeyOf(budget.scope.filters);
  const status = computeBudgetStatus({
    budget,
    period,
    asOf,
    dataThrough,
    actual: sums.actual.toString(),
    lastDay: sums.lastDay.toString(),
    forecast: forecast?.days ?? [],
    previousForecastTotal: await previousForecastTotal(
      stores,
      budget,
      snapshots,
      series,
      period,
      firstForecastDay,
    ),
    method: forecast?.method ?? 'none (period complete)',
    mase: forecast?.backtest[0]?.mase ?? null,
    intervalSource: forecast?.intervalSource ?? 'none (period complete)',
    warnings,
  });
  return { status, forecast, scopeKey, series };
}

/** The period total as the newest earlier snapshot of this scope saw it, or null. */
async function previousForecastTotal(
  stores: Stores,
  budget: Budget,
  snapshots: ForecastSnapshot[],
  series: ScopeSeries,
  period: { start: string; end: string },
  firstForecastDay: string,
): Promise<string | null> {
  const previous = snapshots.find(
    (s) =>
      s.metric === budget.metric &&
      s.currency === budget.currency &&
      s.firstDay <= firstForecastDay &&
      addDays(s.firstDay, s.horizonDays) >= period.end &&
      s.firstDay > addDays(period.start, -HISTORY_DAYS),
  );
  if (!previous) return null;
  const days = await stores.forecasts.snapshotDays(previous.id);
  const knownThen = laterDay(previous.firstDay, period.start);
  let total = sumExactSeriesDays(series.series, period.start, knownThen);
  for (const day of days)
    if (day.date >= period.start && day.date < period.end) total = total.plus(day.point);
  return total.toFixed(2);
}
