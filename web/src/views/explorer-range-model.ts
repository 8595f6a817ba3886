/**
 * The explorer's date range, pure: presets relative to the last day with data (billing data
 * lags, and the demo's year lies in the past, so "today" is the data's last day), the previous
 * period of the same length, and the refusal of a range that ends before it starts. Both ends
 * are days included, as the explorer's From and Until fields show them.
 */

export interface DayRange {
  from: string;
  until: string;
}

export const RANGE_PRESETS = [
  { id: 'month-to-date', label: 'Month to date' },
  { id: 'last-30-days', label: 'Last 30 days' },
  { id: 'last-90-days', label: 'Last 90 days' },
  { id: 'quarter-to-date', label: 'Quarter to date' },
  { id: 'year-to-date', label: 'Year to date' },
] as const;

export type RangePresetId = (typeof RANGE_PRESETS)[number]['id'];

/** The days a preset covers, ending on `today` (the last day with data), both ends included. */
export function presetRange(preset: RangePresetId, today: string): DayRange {
  const [year, month] = [today.slice(0, 4), Number(today.slice(5, 7))];
  switch (preset) {
    case 'month-to-date':
      return { from: `${today.slice(0, 7)}-01`, until: today };
    case 'last-30-days':
      return { from: addDays(today, -29), until: today };
    case 'last-90-days':
      return { from: addDays(today, -89), until: today };
    case 'quarter-to-date': {
      const first = Math.floor((month - 1) / 3) * 3 + 1;
      return { from: `${year}-${String(first).padStart(2, '0')}-01`, until: today };
    }
    case 'year-to-date':
      return { from: `${year}-01-01`, until: today };
  }
}

/** Days from `from` to `until`, both included. */
export function dayCount(range: DayRange): number {
  const start = Date.parse(`${range.from}T00:00:00Z`);
  const end = Date.parse(`${range.until}T00:00:00Z`);
  return Math.round((end - start) / 86_400_000) + 1;
}

/** The same number of days just before the range (what "previous period" compares with). */
export function previousRange(range: DayRange): DayRange {
  const days = dayCount(range);
  return { from: addDays(range.from, -days), until: addDays(range.from, -1) };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What is wrong with the range, in the dashboard's words and naming the field to fix, or null.
 * An empty end is open (from the first day, or to the last).
 */
export function rangeProblem(
  from: string,
  until: string,
): { field: 'from' | 'until'; message: string } | null {
  for (const [field, label, value] of [
    ['from', 'From', from],
    ['until', 'Until (included)', until],
  ] as const) {
    if (value !== '' && (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))))
      return { field, message: `${label} ${value} is not a day: choose a date such as 2025-01-31.` };
  }
  if (from !== '' && until !== '' && from > until) {
    return {
      field: 'from',
      message: `From ${from} is after Until (included) ${until}: choose a From on or before ${until}, or a later Until.`,
    };
  }
  return null;
}

function addDays(day: string, count: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}
