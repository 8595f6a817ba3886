/** Calendar arithmetic on YYYY-MM-DD dates and YYYY-MM months, in whole months (no clock, no zone). */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year * 12 + month - 1);
}

/** Months since year 0 of a date or month label (2026-03-15 and 2026-03 give the same index). */
export function monthIndex(dateOrMonth: string): number {
  return Number(dateOrMonth.slice(0, 4)) * 12 + Number(dateOrMonth.slice(5, 7)) - 1;
}

export function monthLabel(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function daysInMonth(index: number): number {
  const year = Math.floor(index / 12);
  const month = index % 12;
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

export function dayOfMonth(date: string): number {
  return Number(date.slice(8, 10));
}
