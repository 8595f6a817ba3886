import type { Budget } from '../../core/budget/budget-model.js';
import { type RateBasis, rateDayOf } from '../../core/currency/convert-amount.js';
import { RateTable } from '../../core/currency/rate-table.js';
import { addDays, daysBetween } from '../../core/forecast/day-dates.js';
import type { ExactChargeSeries } from '../../core/forecast/exact-charge-series.js';
import { Decimal } from '../../core/money.js';
import type { Stores } from '../../ports/stores.js';
import { listRatesBothWays, missingRates, queryCostsInCurrency } from '../costs/convert-cost-report.js';
import type { ScopeSeries } from '../forecast/load-charge-series.js';

/**
 * A budget's daily history in the budget's currency, when its scope spends in others, as exact
 * decimals by the cost report's one conversion rule (RateTable: amount x rate, or amount / rate
 * for a pair stored only the other way, rounded half to even at 16 decimals).
 * 1. Read the rates into the budget's currency for the history's days (by the rate basis), and
 *    out of it for pairs stored only the other way.
 * 2. Each foreign series' day with spend is converted as one day total, as the cost report
 *    converts a day's row; its recurring and one-time parts are converted alone and usage takes
 *    the rest, so the parts add up to the converted day total exactly. A day with spend and no
 *    rate refuses, naming the days and pairs (RATE_MISSING), never a silent zero.
 * 3. The series are added day by day from the earliest first day into one series, whose days
 *    sum exactly to the converted actual (convertedBudgetSum).
 */
export async function convertBudgetSeries(
  stores: Stores,
  budget: Budget,
  scopes: ScopeSeries[],
  basis: RateBasis,
): Promise<ScopeSeries> {
  const firstDay = scopes.map((scope) => scope.series.firstDay).sort()[0]!;
  const lastDay = scopes[0]!.lastDay;
  const rates = new RateTable(
    budget.currency,
    await listRatesBothWays(stores.exchangeRates, [firstDay, lastDay], budget.currency, basis),
  );
  const length = daysBetween(firstDay, lastDay) + 1;
  const zeros = () => new Array<Decimal>(length).fill(new Decimal(0));
  const merged = { usage: zeros(), recurring: zeros(), oneTime: zeros() };
  const missing = new Set<string>();
  for (const scope of scopes) {
    const offset = daysBetween(firstDay, scope.series.firstDay);
    scope.series.usage.forEach((usage, index) => {
      const recurring = scope.series.recurring[index]!;
      const oneTime = scope.series.oneTime[index]!;
      if ([usage, recurring, oneTime].every((part) => new Decimal(part).isZero())) return;
      const total = new Decimal(usage).plus(recurring).plus(oneTime);
      const rateDay = rateDayOf(addDays(scope.series.firstDay, index), basis);
      const convertedTotal = rates.convert(total, scope.currency, rateDay);
      const convertedRecurring = rates.convert(recurring, scope.currency, rateDay);
      const convertedOneTime = rates.convert(oneTime, scope.currency, rateDay);
      if (!convertedTotal || !convertedRecurring || !convertedOneTime) {
        missing.add(`${rateDay} ${scope.currency}->${budget.currency}`);
        return;
      }
      const at = offset + index;
      merged.recurring[at] = merged.recurring[at]!.plus(convertedRecurring);
      merged.oneTime[at] = merged.oneTime[at]!.plus(convertedOneTime);
      merged.usage[at] = merged.usage[at]!.plus(
        convertedTotal.minus(convertedRecurring).minus(convertedOneTime),
      );
    });
  }
  if (missing.size > 0) throw missingRates([...missing].sort(), budget.currency, basis);
  const series: ExactChargeSeries = {
    firstDay,
    usage: merged.usage.map((sum) => sum.toFixed()),
    recurring: merged.recurring.map((sum) => sum.toFixed()),
    oneTime: merged.oneTime.map((sum) => sum.toFixed()),
  };
  return { group: null, currency: budget.currency, lastDay, series };
}

/** The scope's exact cost of [from, to) in the budget's currency, converted by the cost report's rule. */
export async function convertedBudgetSum(
  stores: Stores,
  budget: Budget,
  from: string,
  to: string,
  basis: RateBasis,
): Promise<Decimal> {
  const report = await queryCostsInCurrency(
    stores,
    { groupBy: [], filters: budget.scope.filters, metric: budget.metric, from, to },
    budget.currency,
    basis,
  );
  return new Decimal(report.totals[0]?.cost ?? 0);
}

/** What a converted status says about its figures: the currencies, the rounding and the rate basis. */
export function conversionNote(budget: Budget, scopes: ScopeSeries[], basis: RateBasis): string {
  const others = [
    ...new Set(scopes.map((scope) => scope.currency).filter((c) => c !== budget.currency)),
  ].sort();
  return `spend in ${others.join(', ')} converted into ${budget.currency} at ${basis === 'month' ? 'the rate dated the first day of each month' : "each charge day's rate"} (amount x rate, rounded half to even at 16 decimals)`;
}
