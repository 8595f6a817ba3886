/**
 * Links from one view to another, as real hrefs (relative to the dashboard's root, so a new tab
 * opens the same page with the same session cookie). Each builds the target view's own query
 * string, the one its URL state reads: a link is a bookmark another view could have written.
 */

export interface ExplorerTarget {
  /** `dim=value` (or `dim!=value`) terms, as the explorer's own filters. */
  filters: readonly string[];
  by: string;
  currency?: string | null;
  metric?: string | null;
  /** First and last day shown, both included (YYYY-MM-DD). */
  from?: string | null;
  until?: string | null;
  grain?: string | null;
}

export function explorerHref(target: ExplorerTarget): string {
  const params = new URLSearchParams({ view: 'explorer', by: target.by });
  if (target.metric) params.set('metric', target.metric);
  if (target.currency) params.set('currency', target.currency);
  if (target.from) params.set('from', target.from);
  if (target.until) params.set('until', target.until);
  if (target.grain) params.set('grain', target.grain);
  for (const filter of target.filters) params.append('filter', filter);
  return `/?${params.toString()}`;
}

/** The on-call view narrowed to one budget's burn rates (its row, its figures). */
export function budgetHref(budget: string): string {
  return `/?${new URLSearchParams({ view: 'on-call', budget }).toString()}`;
}

/** The owner dimension an `owner:<kind>=<id>` budget scope term filters on, as the server maps it. */
const OWNER_DIMENSION: Record<string, string> = {
  team: 'team',
  service: 'catalog-service',
  'cost-centre': 'cost-centre',
  'business-unit': 'business-unit',
  environment: 'environment',
};

/** A budget's scope terms as explorer filters (`owner:team=x` becomes `team=x`). */
export function scopeFilters(scope: readonly string[]): string[] {
  return scope.map((term) => {
    const owner = /^owner:([a-z-]+)=(.*)$/.exec(term);
    if (!owner) return term;
    return `${OWNER_DIMENSION[owner[1] ?? ''] ?? owner[1]}=${owner[2]}`;
  });
}

/** First and last day of a month given as YYYY-MM (or a longer date in it). */
export function monthDays(month: string): { from: string; until: string } {
  const [year, monthNumber] = month.slice(0, 7).split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
  return { from: `${month.slice(0, 7)}-01`, until: last };
}

/** A change request opened in the approvals view (its detail panel, whatever its state). */
export function changeHref(changeId: string): string {
  return `/?${new URLSearchParams({ view: 'approvals', change: changeId }).toString()}`;
}

/** A deployment's cost in the explorer: its service in its environment on the day it started. */
export function deploymentCostHref(deployment: {
  service: string;
  environment: string;
  startedAt: string;
  currency: string;
}): string {
  const day = deployment.startedAt.slice(0, 10);
  return explorerHref({
    filters: [`catalog-service=${deployment.service}`, `environment=${deployment.environment}`],
    by: 'provider',
    currency: deployment.currency,
    from: day,
    until: day,
    grain: 'day',
  });
}
