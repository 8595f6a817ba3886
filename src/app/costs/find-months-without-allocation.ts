import { type CostQuery, usesAllocatedLines } from '../../core/costs/cost-query.js';
import type { Stores } from '../../ports/stores.js';

/**
 * The months (YYYY-MM) in the query's range that hold cost lines but have no current allocation
 * run. Owner dimensions (team, cost centre, ...) come from allocated lines only, so these months'
 * cost is missing from such a report: the caller says so instead of showing a smaller figure.
 * Empty when the query asks no owner dimension (every line counts then).
 */
export async function findMonthsWithoutAllocation(
  stores: Stores,
  query: Pick<CostQuery, 'from' | 'to' | 'groupBy' | 'filters'>,
): Promise<string[]> {
  if (!usesAllocatedLines(query)) return [];
  const [months, runs] = await Promise.all([
    stores.costs.queryCosts({
      from: query.from,
      to: query.to,
      groupBy: ['month'],
      filters: [],
      metric: 'billed',
    }),
    stores.allocation.runs.listRuns(),
  ]);
  const allocated = new Set(runs.filter((run) => run.status === 'current').map((run) => run.period));
  const withLines = new Set(months.map((row) => (row.dimensions.month ?? '').slice(0, 7)));
  return [...withLines].filter((month) => month !== '' && !allocated.has(month)).sort();
}
