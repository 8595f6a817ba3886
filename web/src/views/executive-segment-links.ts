import { explorerHref, monthDays } from '../view-links.js';

/** The executive page's days and money, which its chart links carry into the explorer. */
export interface ExecutivePlace {
  currency: string;
  metric: string;
  /** First day of "this year" and the last day with data (both included). */
  yearStart: string;
  lastDay: string;
}

/** A business unit's bar: the explorer filtered to that unit over the year to date, by team. */
export function businessUnitHref(place: ExecutivePlace, unit: string): string {
  return explorerHref({
    filters: [`business-unit=${unit}`],
    by: 'team',
    currency: place.currency,
    metric: place.metric,
    from: place.yearStart,
    until: place.lastDay,
  });
}

/** A month's bar: the explorer on that month's days (to the last day with data), by business unit. */
export function monthHref(place: ExecutivePlace, month: string): string {
  const days = monthDays(month);
  return explorerHref({
    filters: [],
    by: 'business-unit',
    currency: place.currency,
    metric: place.metric,
    from: days.from,
    until: [days.until, place.lastDay].sort()[0] ?? place.lastDay,
  });
}
