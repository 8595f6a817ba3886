/** A range of months (YYYY-MM), both ends included. */
export interface MonthRange {
  from: string;
  to: string;
}

/**
 * The range after the reader moved one end to `month`: the other end follows when passed, so
 * From is never after To. A month field's parts are in the reader's locale order (year first
 * in some), so one arrow key can step the year of To below From; the API refuses such a range,
 * and the view would show that refusal instead of an answer.
 */
export function moveRangeEnd(range: MonthRange, end: keyof MonthRange, month: string): MonthRange {
  if (end === 'from') return { from: month, to: month > range.to ? month : range.to };
  return { from: month < range.from ? month : range.from, to: month };
}
