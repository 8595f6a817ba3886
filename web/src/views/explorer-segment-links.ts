import { explorerHref, monthDays } from '../view-links.js';

/** Bands that are not one value (the summed rest, no value) have no filter to open. */
const NOT_A_VALUE = new Set(['other', '(none)']);

export interface ExplorerPlace {
  by: string;
  next: string | null;
  filters: readonly string[];
  currency: string;
  metric: string;
  from: string;
  until: string;
  grain: string;
}

/**
 * The explorer narrowed to one segment of its own chart: the band's value added as a filter,
 * grouped one level deeper, and for a bar the days of its period (within the range shown).
 */
export function segmentHref(place: ExplorerPlace, group: string, period: string | null): string | null {
  if (NOT_A_VALUE.has(group)) return null;
  const days = period ? periodDays(period, place.grain) : { from: place.from, until: place.until };
  const clip = (day: string, bound: string, later: boolean) =>
    bound === '' ? day : later ? (day > bound ? day : bound) : day < bound ? day : bound;
  return explorerHref({
    filters: [...place.filters, `${place.by}=${group}`],
    by: place.next ?? place.by,
    currency: place.currency,
    metric: place.metric,
    from: days.from ? clip(days.from, place.from, true) : null,
    until: days.until ? clip(days.until, place.until, false) : null,
    grain: place.grain,
  });
}

function periodDays(period: string, grain: string): { from: string; until: string } {
  if (grain === 'month') return monthDays(period);
  if (grain === 'week') return { from: period.slice(0, 10), until: addDays(period.slice(0, 10), 6) };
  return { from: period.slice(0, 10), until: period.slice(0, 10) };
}

function addDays(day: string, count: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}
