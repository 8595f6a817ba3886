import type { Budget } from '../../core/budget/budget-model.js';
import { type RateBasis, rateDayOf } from '../../core/currency/convert-amount.js';
import { addDays } from '../../core/forecast/day-dates.js';
import type { ChargeSeries } from '../../core/forecast/forecast-cost-series.js';
import { Decimal } from '../../core/money.js';
import type { Stores } from '../../ports/stores.js';
import { listRatesBothWays, missingRates, queryCostsInCurrency } from '../costs/convert-cost-report.js';
import type { ScopeSeries } from '../forecast/load-charge-series.js';

/**
 * A budget's daily history in the budget's currency, when its scope spends in others.
 * 1. Read the rates into the budget's currency for the history's days (by the rate basis), and
 *    out of it for pairs stored only the other way (used as 1 / rate).
 * 2. Each foreign series' day with spend is multiplied by its day's rate (the history feeds the
 *    forecast, a statistical estimate kept as numbers); a day with spend and no rate refuses,
 *    naming the days and pairs (RATE_MISSING), never a silent zero.
 * 3. The series are added day by day from the earliest first day into one series.
 * The exact actuals are converted separately, by the cost report's rule (convertedBudgetSum).
 */
export async function convertBudgetSeries(
  stores: Stores,
  budget: Budget,
  scopes: ScopeSeries[],
  basis: RateBasis,
): Promise<ScopeSeries> {
  const firstDay = scopes.map((scope) => scope.series.firstDay).sort()[0]!;
  const lastDay = scopes[0]!.lastDay;
  // The forecast's history is numbers, so an inverse-only pair is read as 1 / rate here.
  const rates = new Map<string, number>();
  for (const rate of await listRatesBothWays(
    stores.exchangeRates,
    [firstDay, lastDay],
    budget.currency,
    basis,
  )) {
    if (rate.to === budget.currency) rates.set(`${rate.date}|${rate.from}`, Number(rate.rate));
    else if (!rates.has(`${rate.date}|${rate.to}`))
      rates.set(`${rate.date}|${rate.to}`, 1 / Number(rate.rate));
  }
  const length = Math.round((Date.parse(lastDay) - Date.parse(firstDay)) / 86_400_000) + 1;
  const merged: ChargeSeries = {
    firstDay,
    usage: new Array<number>(length).fill(0),
    recurring: new Array<number>(length).fill(0),
    oneTime: new Array<number>(length).fill(0),
  };
  const missing = new Set<string>();
  for (const scope of scopes) {
    const offset = Math.round((Date.parse(scope.series.firstDay) - Date.parse(firstDay)) / 86_400_000);
    scope.series.usage.forEach((_, index) => {
      const day = addDays(scope.series.firstDay, index);
      const parts = [
        scope.series.usage[index]!,
        scope.series.recurring[index]!,
        scope.series.oneTime[index]!,
      ];
      let rate = 1;
      if (scope.currency !== budget.currency && parts.some((part) => part !== 0)) {
        const found = rates.get(`${rateDayOf(day, basis)}|${scope.currency}`);
        if (found === undefined)
          missing.add(`${rateDayOf(day, basis)} ${scope.currency}->${budget.currency}`);
        rate = found ?? 0;
      }
      merged.usage[offset + index]! += parts[0]! * rate;
      merged.recurring[offset + index]! += parts[1]! * rate;
      merged.oneTime[offset + index]! += parts[2]! * rate;
    });
  }
  if (missing.size > 0) throw missingRates([...missing].sort(), budget.currency, basis);
  return { group: null, currency: budget.currency, lastDay, series: merged };
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
