import { addDays, dayOfMonth, daysInMonth } from './day-dates.js';
import { normalDraw } from './robust-stats.js';

/** Which features a generated forecast series has. */
export interface ForecastSeriesShape {
  level: number;
  /** Daily growth rate (the trend). */
  growth: number;
  /** Weekend cost as a fraction of weekday cost (weekly seasonality). */
  weekendFactor: number;
  /** Amplitude of a smooth within-month cycle (monthly seasonality), a fraction of the level. */
  monthlyAmplitude: number;
  /** Day index of a level shift (a fleet resized) and its factor; null for none. */
  shift: { day: number; factor: number } | null;
  /** A fee billed on one day of every month (a licence, a support plan); null for none. */
  fee: { dayOfMonth: number; amount: number } | null;
  /** A tax billed on each month's last day, a fraction of that month's usage; 0 for none. */
  monthEndTaxRate: number;
  noise: number;
}

/** A generated daily series, dated, with its parts kept apart for the tests that need them. */
export interface GeneratedForecastSeries {
  firstDay: string;
  shape: ForecastSeriesShape;
  /** Everything on the bill each day. */
  total: number[];
  /** The fee and the tax only. */
  calendar: number[];
}

/** Draws a shape; every feature the forecast benchmark names appears in a good share of draws. */
export function drawForecastShape(random: () => number, length: number): ForecastSeriesShape {
  const level = Math.exp(Math.log(50) + random() * (Math.log(5000) - Math.log(50)));
  return {
    level,
    growth: -0.001 + random() * 0.005,
    weekendFactor: 0.45 + random() * 0.5,
    monthlyAmplitude: random() < 0.5 ? 0.03 + random() * 0.1 : 0,
    shift:
      random() < 0.4
        ? { day: Math.floor(length * (0.3 + random() * 0.4)), factor: 0.6 + random() * 0.9 }
        : null,
    fee:
      random() < 0.6
        ? { dayOfMonth: 1 + Math.floor(random() * 28), amount: level * (2 + random() * 8) }
        : null,
    monthEndTaxRate: random() < 0.5 ? 0.05 + random() * 0.15 : 0,
    noise: 0.02 + random() * 0.06,
  };
}

/**
 * Generates a daily cost series from `firstDay`: level x trend x weekly profile x monthly cycle,
 * a level shift, multiplicative noise, then a monthly fee on its day and a month-end tax on
 * the month's usage, as a bill would carry them.
 */
export function generateForecastSeries(
  shape: ForecastSeriesShape,
  firstDay: string,
  length: number,
  random: () => number,
): GeneratedForecastSeries {
  const usage: number[] = [];
  for (let t = 0; t < length; t++) {
    const day = addDays(firstDay, t);
    const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
    const weekly = weekday < 5 ? 1 : shape.weekendFactor;
    const monthly = 1 + shape.monthlyAmplitude * Math.cos((2 * Math.PI * (dayOfMonth(day) - 1)) / 30);
    const shifted = shape.shift && t >= shape.shift.day ? shape.shift.factor : 1;
    const noise = Math.exp(normalDraw(random) * shape.noise);
    usage.push(shape.level * Math.exp(shape.growth * t) * weekly * monthly * shifted * noise);
  }
  const calendar = new Array<number>(length).fill(0);
  let monthUsage = 0;
  for (let t = 0; t < length; t++) {
    const day = addDays(firstDay, t);
    monthUsage += usage[t]!;
    if (shape.fee && dayOfMonth(day) === shape.fee.dayOfMonth) calendar[t]! += shape.fee.amount;
    const last = dayOfMonth(day) === daysInMonth(Number(day.slice(0, 4)), Number(day.slice(5, 7)));
    if (last) {
      calendar[t]! += shape.monthEndTaxRate * monthUsage;
      monthUsage = 0;
    }
  }
  return { firstDay, shape, total: usage.map((value, t) => value + calendar[t]!), calendar };
}
