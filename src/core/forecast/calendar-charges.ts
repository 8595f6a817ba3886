import { addDays, dayOfMonth, daysInMonth } from './day-dates.js';
import { median, scaledMad } from './robust-stats.js';

/** A day of the month a charge recurs on: 1 to 28, or the month's last day. */
export type CalendarSlot = number | 'last';

/** A charge found recurring on a calendar day, whatever its ChargeFrequency said. */
export interface CalendarCharge {
  slot: CalendarSlot;
  /** The amount at the slot's latest occurrence: what the forecast repeats. */
  latest: number;
  /** How many months in a row, ending with the latest, the charge was seen. */
  months: number;
}

export interface CalendarSplit {
  /** The series without the calendar charges: what a smoothing model should see. */
  base: number[];
  /** The calendar charges' part of each day (zero on other days). */
  calendar: number[];
  charges: CalendarCharge[];
}

/** Months in a row a slot must show a charge before it is called recurring. */
export const MIN_RECURRING_MONTHS = 3;
/** How far the excess must stand out of the day-to-day noise (in robust standard deviations). */
const NOISE_MULTIPLE = 5;
/** ...and of the series' typical absolute level, so rounding-level wobble is never a charge. */
const LEVEL_FRACTION = 0.05;
/** Consecutive occurrences must agree within this factor (a tax that halves is still a tax). */
const AMOUNT_AGREEMENT = 4;

/**
 * Finds charges that recur on a day of the month (monthly taxes, support fees, licences) in a
 * daily series, from the history alone, and splits them out. Method: a robust same-weekday
 * baseline and a per-slot run test.
 * 1. Baseline each day by the median of the same weekday one and two weeks before and after:
 *    a monthly charge never falls on those days, so it cannot raise its own baseline, and the
 *    weekly profile cancels out.
 * 2. Excess = value - baseline; the noise scale is the scaled MAD of all excesses.
 * 3. Each slot (day 1 to 28 of the month, or the last day) is a candidate. It recurs when its
 *    latest MIN_RECURRING_MONTHS occurrences in the history each stand out (|excess| above
 *    NOISE_MULTIPLE x scale and LEVEL_FRACTION x the series' median absolute level), all with
 *    one sign and amounts within AMOUNT_AGREEMENT of each other, the latest one in the last
 *    month of data (a charge that stopped is not forecast).
 * 4. The calendar part is each recurring slot's excess in the run of months it held; the base
 *    is the rest. A day in two slots (February 28th: day 28 and the last day) is taken once.
 */
export function splitCalendarCharges(firstDay: string, values: readonly number[]): CalendarSplit {
  const calendar = new Array<number>(values.length).fill(0);
  const empty = { base: [...values], calendar, charges: [] };
  if (values.length < 28 * MIN_RECURRING_MONTHS) return empty;
  const excess = values.map((value, t) => value - sameWeekdayBaseline(values, t));
  const scale = scaledMad(excess);
  const level = median(values.map((value) => Math.abs(value)));
  const meanAbs = values.reduce((sum, value) => sum + Math.abs(value), 0) / values.length;
  const threshold = Math.max(NOISE_MULTIPLE * scale, LEVEL_FRACTION * level, 1e-9 * meanAbs, 1e-9);
  const charges: CalendarCharge[] = [];
  const slotDays = occurrencesBySlot(firstDay, values.length);
  for (const slot of candidateSlots()) {
    const days = slotDays.get(slot) ?? [];
    const run = latestRun(days, excess, threshold);
    if (run.length < MIN_RECURRING_MONTHS) continue;
    if (run[run.length - 1]! < values.length - 31) continue;
    for (const t of run) calendar[t] = excess[t]!;
    charges.push({ slot, latest: excess[run[run.length - 1]!]!, months: run.length });
  }
  if (charges.length === 0) return empty;
  return { base: values.map((value, t) => value - calendar[t]!), calendar, charges };
}

/**
 * The calendar charges' forecast for `horizon` days after a history of `historyLength` days
 * from `firstDay`: each recurring slot's latest amount on each of its future days.
 */
export function forecastCalendarCharges(
  firstDay: string,
  historyLength: number,
  charges: readonly CalendarCharge[],
  horizon: number,
): number[] {
  const out: number[] = [];
  for (let step = 0; step < horizon; step++) {
    const day = addDays(firstDay, historyLength + step);
    let total = 0;
    for (const charge of charges) if (isInSlot(day, charge.slot)) total += charge.latest;
    out.push(total);
  }
  return out;
}

/** How a detected charge is named in a forecast's explanation. */
export function describeSlot(slot: CalendarSlot): string {
  return slot === 'last' ? 'the last day of each month' : `day ${slot} of each month`;
}

function candidateSlots(): CalendarSlot[] {
  return [...Array.from({ length: 28 }, (_, index) => index + 1), 'last'];
}

function isInSlot(day: string, slot: CalendarSlot): boolean {
  const dom = dayOfMonth(day);
  if (slot !== 'last') return dom === slot;
  return dom === daysInMonth(Number(day.slice(0, 4)), Number(day.slice(5, 7)));
}

/** Indexes of each slot's days in the history, oldest first. */
function occurrencesBySlot(firstDay: string, length: number): Map<CalendarSlot, number[]> {
  const found = new Map<CalendarSlot, number[]>();
  const add = (slot: CalendarSlot, t: number) => found.set(slot, [...(found.get(slot) ?? []), t]);
  for (let t = 0; t < length; t++) {
    const day = addDays(firstDay, t);
    const dom = dayOfMonth(day);
    if (dom <= 28) add(dom, t);
    if (isInSlot(day, 'last')) add('last', t);
  }
  return found;
}

/** The slot's latest occurrences, newest backwards, while each stands out like the newest one. */
function latestRun(days: readonly number[], excess: readonly number[], threshold: number): number[] {
  const run: number[] = [];
  let sign = 0;
  let smallest = Number.POSITIVE_INFINITY;
  let largest = 0;
  for (let k = days.length - 1; k >= 0; k--) {
    const value = excess[days[k]!]!;
    if (Math.abs(value) <= threshold) break;
    if (sign !== 0 && Math.sign(value) !== sign) break;
    const size = Math.abs(value);
    if (Math.max(largest, size) > AMOUNT_AGREEMENT * Math.min(smallest, size)) break;
    sign = Math.sign(value);
    smallest = Math.min(smallest, size);
    largest = Math.max(largest, size);
    run.unshift(days[k]!);
  }
  return run;
}

/** Median of the same weekday one and two weeks either side (those present). */
function sameWeekdayBaseline(values: readonly number[], t: number): number {
  const around: number[] = [];
  for (const offset of [-14, -7, 7, 14]) {
    const value = values[t + offset];
    if (value !== undefined) around.push(value);
  }
  return median(around);
}
