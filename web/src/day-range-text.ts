/**
 * One date convention in every view: a range is written from its first day until its last day,
 * both included ("2025-01-01 to 2025-03-31 (included)"), and a date field that ends a range is
 * labelled UNTIL_LABEL. The API's `to` is the day after (exclusive); views convert at the edge.
 */
export const UNTIL_LABEL = 'Until (included)';

export function formatDayRange(from: string, until: string): string {
  return `${from} to ${until} (included)`;
}

/** The last day included by an exclusive end day or timestamp ("2025-04-01" -> "2025-03-31"). */
export function lastIncludedDay(exclusiveEnd: string): string {
  const date = new Date(`${exclusiveEnd.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** The day after `day`: the API's exclusive `to` for a range that includes `day`. */
export function dayAfter(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
