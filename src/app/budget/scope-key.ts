import type { CostFilter } from '../../core/costs/cost-query.js';

/** Canonical, readable text of a scope: sorted filter terms, then the group (`service=Amazon EC2`). */
export function scopeKeyOf(
  filters: CostFilter[],
  group?: { dimension: string; value: string | null },
): string {
  const terms = filters
    .flatMap((filter) => filter.values.map((value) => `${filter.dimension}=${value ?? ''}`))
    .sort();
  if (group) terms.push(`${group.dimension}=${group.value ?? ''}`);
  return terms.length === 0 ? 'all' : terms.join(' & ');
}
