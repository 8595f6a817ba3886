import type { CostMetric } from '../../core/costs/cost-query.js';
import { Decimal } from '../../core/money.js';
import type { Stores } from '../../ports/stores.js';

export interface CurrencyRange {
  currency: string;
  /** All spend in this currency in the metric asked for (exact decimal text). */
  total: string;
  /** The last day with cost lines in this currency (YYYY-MM-DD): a cost view's "today". */
  lastDay: string;
}

export interface DataRange {
  metric: CostMetric;
  /** Largest total first. */
  currencies: CurrencyRange[];
}

/**
 * What data there is, in small questions instead of every day of every currency: every view
 * needs the currencies and the last day with data (its "today") before it can ask anything else.
 * 1. spend by currency and month: each currency's total and last month (a monthly rollup
 *    answers it where the store keeps one);
 * 2. per last month, spend by currency and day within it: each currency's last day (one
 *    month of days, not the year).
 */
export async function findDataRange(stores: Stores, metric: CostMetric): Promise<DataRange> {
  const months = await stores.costs.queryCosts({ groupBy: ['month'], filters: [], metric });
  const perCurrency = new Map<string, { total: Decimal; lastMonth: string }>();
  for (const row of months) {
    const month = `${(row.dimensions.month ?? '').slice(0, 7)}-01`;
    const entry = perCurrency.get(row.currency) ?? { total: new Decimal(0), lastMonth: month };
    entry.total = entry.total.plus(row.cost);
    if (month > entry.lastMonth) entry.lastMonth = month;
    perCurrency.set(row.currency, entry);
  }
  const byLastMonth = new Map<string, string[]>();
  for (const [currency, entry] of perCurrency)
    byLastMonth.set(entry.lastMonth, [...(byLastMonth.get(entry.lastMonth) ?? []), currency]);
  const lastDays = new Map<string, string>();
  await Promise.all(
    [...byLastMonth.entries()].map(async ([month, currencies]) => {
      const rows = await stores.costs.queryCosts({
        groupBy: ['day'],
        filters: [{ dimension: 'currency', values: currencies }],
        metric,
        from: month,
        to: nextMonth(month),
      });
      for (const row of rows) {
        const day = (row.dimensions.day ?? '').slice(0, 10);
        if (day > (lastDays.get(row.currency) ?? '')) lastDays.set(row.currency, day);
      }
    }),
  );
  return {
    metric,
    currencies: [...perCurrency.entries()]
      .sort((a, b) => b[1].total.comparedTo(a[1].total) || a[0].localeCompare(b[0]))
      .map(([currency, entry]) => ({
        currency,
        total: entry.total.toFixed(),
        lastDay: lastDays.get(currency) ?? entry.lastMonth,
      })),
  };
}

/** The first day of the month after `month` (YYYY-MM-01). */
function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const number = Number(month.slice(5, 7));
  return number === 12 ? `${year + 1}-01-01` : `${year}-${String(number + 1).padStart(2, '0')}-01`;
}
