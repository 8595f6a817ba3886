import { Decimal } from '../money.js';
import type { CostRow } from './cost-query.js';

export const OTHER_LABEL = 'other';

/**
 * Keeps the N largest groups of each currency and sums the rest into one "other" row per
 * currency, exactly: the total of each currency is unchanged. Groups are ranked by cost,
 * descending; ties keep their order. The remainder row is marked `isRemainder`, so no reader
 * has to guess it from its label (a service may really be named "other"), and comes after the
 * ranked rows of its currency.
 */
export function keepTopGroups(rows: CostRow[], n: number, dimensionNames: string[]): CostRow[] {
  const byCurrency = new Map<string, CostRow[]>();
  for (const row of rows) {
    const list = byCurrency.get(row.currency) ?? [];
    list.push(row);
    byCurrency.set(row.currency, list);
  }
  const result: CostRow[] = [];
  for (const [currency, list] of byCurrency) {
    const ranked = [...list].sort((a, b) => new Decimal(b.cost).comparedTo(a.cost));
    result.push(...ranked.slice(0, n));
    const rest = ranked.slice(n);
    if (rest.length === 0) continue;
    const total = rest.reduce((sum, row) => sum.plus(row.cost), new Decimal(0));
    result.push({
      dimensions: Object.fromEntries(dimensionNames.map((name) => [name, OTHER_LABEL])),
      currency,
      cost: total.toFixed(),
      isRemainder: true,
    });
  }
  return result;
}
