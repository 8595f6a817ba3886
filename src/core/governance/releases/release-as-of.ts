import type { TimeEntry } from './release-model.js';

/**
 * A moment a release's spend is measured at: a gate decision's time (the asked time of a
 * replayed decision, now for a live one). Deployments count by their start time; labour and
 * the bill are dated by day only, so they count by their day.
 */
export interface SpendAsOf {
  /** ISO-8601 time. */
  at: string;
  /** The UTC day of `at` (YYYY-MM-DD): the last day of labour and bill counted. */
  day: string;
}

/** How a release's spend as of a moment is counted, as the decision log states it. */
export const SPEND_AS_OF_RULE =
  'deployments started before the decision time (a running one counts up to that time), labour booked for days up to and including its day, and the allocated bill charged up to and including its day';

export function spendAsOf(at: string): SpendAsOf {
  return {
    at: new Date(Date.parse(at)).toISOString(),
    day: new Date(Date.parse(at)).toISOString().slice(0, 10),
  };
}

/**
 * The deployments that had started by the moment, each one still running then ending at it
 * (so the window a release's cloud share is measured over ends no later than the moment).
 */
export function deploymentsAsOf<T extends { startedAt: string; finishedAt: string }>(
  deployments: readonly T[],
  asOf: SpendAsOf | undefined,
): T[] {
  if (asOf === undefined) return [...deployments];
  const at = Date.parse(asOf.at);
  return deployments
    .filter((d) => Date.parse(d.startedAt) < at)
    .map((d) => (Date.parse(d.finishedAt) > at ? { ...d, finishedAt: asOf.at } : d));
}

/** The labour booked for the moment's day or before. */
export function timeEntriesAsOf(entries: readonly TimeEntry[], asOf: SpendAsOf | undefined): TimeEntry[] {
  return asOf === undefined ? [...entries] : entries.filter((entry) => entry.date <= asOf.day);
}
