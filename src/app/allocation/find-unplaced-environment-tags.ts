import { ENVIRONMENT_TAG_KEYS, nameEnvironmentKind } from '../../core/catalog/resolve-environment.js';
import { Decimal } from '../../core/money.js';
import type { Stores } from '../../ports/stores.js';

/** An env/environment tag value on cost the allocation placed in no environment. */
export interface UnplacedEnvironmentTag {
  tag: string;
  value: string;
  /**
   * The kind of environment the value names (`prd` -> `production`) that the catalogue has no
   * environment for; null when the value is no environment word Tollgate knows.
   */
  names: string | null;
  currency: string;
  effectiveCost: string;
}

/**
 * Tag values the allocation could not turn into an environment (data quality, not an error):
 * 1. read the period's allocated cost that has no environment, by its env and environment tags
 *    (ChargePeriodStart in the billing month);
 * 2. every non-empty value of either tag, summed per (tag, value, currency) — a value naming a
 *    kind of environment the catalogue lacks says which;
 * 3. largest cost first, at most `top`.
 */
export async function findUnplacedEnvironmentTags(
  stores: Stores,
  period: string,
  top: number,
): Promise<UnplacedEnvironmentTag[]> {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  const rows = await stores.costs.queryCosts({
    from: `${period}-01`,
    to: `${next}-01`,
    metric: 'effective',
    groupBy: ENVIRONMENT_TAG_KEYS.map((key) => `tag:${key}` as const),
    filters: [{ dimension: 'environment', values: [null] }],
  });
  const sums = new Map<string, UnplacedEnvironmentTag & { sum: Decimal }>();
  for (const row of rows) {
    for (const tag of ENVIRONMENT_TAG_KEYS) {
      const value = row.dimensions[`tag:${tag}`];
      if (value === null || value === undefined || value.trim() === '') continue;
      const key = JSON.stringify([tag, value, row.currency]);
      const entry = sums.get(key) ?? {
        tag,
        value,
        names: nameEnvironmentKind(value),
        currency: row.currency,
        effectiveCost: '0',
        sum: new Decimal(0),
      };
      entry.sum = entry.sum.plus(row.cost);
      sums.set(key, entry);
    }
  }
  return [...sums.values()]
    .sort(
      (a, b) => b.sum.abs().comparedTo(a.sum.abs()) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
    )
    .slice(0, top)
    .map(({ sum, ...entry }) => ({ ...entry, effectiveCost: sum.toString() }));
}
