import { Decimal } from '../money-text.js';
/** The explorer's pure rules: dimensions, the drill-down ladder, filters as URL text. */

export const DRILL_LADDER = ['business-unit', 'team', 'catalog-service', 'resource'] as const;

export const DIMENSIONS: { id: string; label: string }[] = [
  { id: 'business-unit', label: 'Business unit' },
  { id: 'team', label: 'Team' },
  { id: 'catalog-service', label: 'Service (catalogue)' },
  { id: 'cost-centre', label: 'Cost centre' },
  { id: 'environment', label: 'Environment' },
  { id: 'resource', label: 'Resource' },
  { id: 'provider', label: 'Provider' },
  { id: 'service', label: 'Provider service' },
  { id: 'service-category', label: 'Service category' },
  { id: 'region', label: 'Region' },
  { id: 'charge-category', label: 'Charge category' },
  { id: 'pricing-category', label: 'Pricing category' },
  { id: 'billing-account', label: 'Billing account' },
  { id: 'sub-account', label: 'Sub-account' },
  { id: 'tag:team', label: 'Tag team' },
  { id: 'tag:env', label: 'Tag env' },
];

/** Dimensions whose values the API masks for roles without resource-level rights. */
export const DETAIL_DIMENSIONS = new Set(['resource', 'billing-account', 'sub-account']);

export function dimensionLabel(id: string): string {
  return DIMENSIONS.find((dimension) => dimension.id === id)?.label ?? id;
}

export interface Filter {
  dimension: string;
  value: string;
  /** Leave the value out (`team!=checkout`) instead of keeping only it. */
  exclude?: boolean;
}

/**
 * "team=checkout" -> { team, checkout }; "team!=checkout" leaves it out; tag keys keep their
 * colon ("tag:team=x"). The API reads the same text.
 */
export function parseFilterText(text: string): Filter | null {
  const at = text.indexOf('=', text.startsWith('tag:') ? 4 : 0);
  if (at <= 0) return null;
  if (text[at - 1] === '!') {
    if (at === 1) return null;
    return { dimension: text.slice(0, at - 1), value: text.slice(at + 1), exclude: true };
  }
  return { dimension: text.slice(0, at), value: text.slice(at + 1) };
}

export function formatFilterText(filter: Filter): string {
  return `${filter.dimension}${filter.exclude ? '!=' : '='}${filter.value}`;
}

/**
 * The next rung below `dimension` on the drill ladder, or null at the bottom or off the
 * ladder. Resources are the last rung only for roles that may see them.
 */
export function nextDrillLevel(dimension: string, canSeeResources: boolean): string | null {
  const index = (DRILL_LADDER as readonly string[]).indexOf(dimension);
  if (index < 0 || index === DRILL_LADDER.length - 1) return null;
  const next = DRILL_LADDER[index + 1]!;
  if (next === 'resource' && !canSeeResources) return null;
  return next;
}

/** A drill step is a filter on a ladder dimension; a crumb returns to the level it filtered. */
export function drillCrumbs(filters: Filter[]): Filter[] {
  return filters.filter(
    (filter) => !filter.exclude && (DRILL_LADDER as readonly string[]).includes(filter.dimension),
  );
}

/**
 * Totals per group of a time series answer (by=<grain>,<dimension>), largest first: the same
 * exact sums the API gives for by=<dimension> alone, as every row is an exact decimal.
 */
export function totalsOverTime(
  report: { rows: Record<string, string | null>[] },
  dimension: string,
): { group: string | null; cost: string }[] {
  const totals = new Map<string | null, Decimal>();
  for (const row of report.rows) {
    const group = row[dimension] ?? null;
    totals.set(group, (totals.get(group) ?? new Decimal(0)).plus(row.cost ?? '0'));
  }
  return [...totals.entries()]
    .sort((a, b) => b[1].comparedTo(a[1]) || byNameNullLast(a[0], b[0]))
    .map(([group, cost]) => ({ group, cost: cost.toFixed() }));
}

function byNameNullLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b);
}
