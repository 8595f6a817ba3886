import type { CostFilter, CostMetric } from '../costs/cost-query.js';

export interface ExplorerLinkInput {
  filters: readonly CostFilter[];
  metric: CostMetric;
  currency: string;
  /** First and last day shown, inclusive (YYYY-MM-DD). */
  from: string;
  until: string;
  by: string;
}

/**
 * The dashboard link (relative to its root) that opens the explorer on an alert's numbers: its
 * scope as filters, its metric and currency, its days, daily, split by `by`. The query string is
 * the explorer's own (`?view=explorer&filter=...`), so the link survives being pasted anywhere.
 */
export function buildExplorerLink(input: ExplorerLinkInput): string {
  const params = new URLSearchParams({ view: 'explorer', by: input.by, metric: input.metric });
  params.set('currency', input.currency);
  params.set('from', input.from);
  params.set('until', input.until);
  params.set('grain', 'day');
  for (const filter of input.filters)
    for (const value of filter.values)
      params.append('filter', `${filter.dimension}${filter.exclude ? '!=' : '='}${value ?? ''}`);
  return `/?${params.toString()}`;
}
