import {
  type CalendarCharge,
  type CalendarSlot,
  describeSlot,
  forecastCalendarCharges,
  splitCalendarCharges,
} from './calendar-charges.js';
import type { CostForecastDay } from './cost-forecast-types.js';
import { addDays } from './day-dates.js';
import { forecastSeries, type SeriesForecast } from './forecast-series.js';
import { forecastRecurringCharges } from './recurring-charges.js';

/** Daily history of one scope split by FOCUS ChargeFrequency, aligned on `firstDay`. */
export interface ChargeSeries {
  firstDay: string;
  usage: number[];
  recurring: number[];
  oneTime: number[];
}

/** A charge the history shows recurring on a day of the month, and the class its lines claimed. */
export interface DetectedCalendarCharge {
  /** The ChargeFrequency class the lines were billed under ('usage' or 'one-time'). */
  billedAs: 'usage' | 'one-time';
  slot: CalendarSlot;
  /** The amount repeated on each future occurrence (its latest month's). */
  amount: number;
  months: number;
  description: string;
}

export interface CostForecast extends Omit<SeriesForecast, 'points'> {
  firstForecastDay: string;
  days: CostForecastDay[];
  calendarCharges: DetectedCalendarCharge[];
}

/**
 * Forecasts a scope's daily cost:
 * 1. Charges billed as recurring (FOCUS ChargeFrequency) go on the calendar
 *    (recurring-charges.ts).
 * 2. Charges that the history shows recurring on a day of the month, whatever their
 *    ChargeFrequency says (month-end taxes billed as one-time, a licence billed as usage), are
 *    found and split out (calendar-charges.ts) and go on the calendar too.
 * 3. The rest of usage goes to the backtested model, without those spikes in its history.
 * 4. The rest of one-time charges is left out of the future: nothing says it happens again.
 * The interval is the usage model's; calendar charges are treated as known.
 */
export function forecastCostSeries(series: ChargeSeries, horizon: number): CostForecast {
  const usageSplit = splitCalendarCharges(series.firstDay, series.usage);
  const oneTimeSplit = splitCalendarCharges(series.firstDay, series.oneTime);
  const usage = forecastSeries(usageSplit.base, horizon);
  const recurring = forecastRecurringCharges(series.firstDay, series.recurring, horizon);
  const detected = forecastCalendarCharges(
    series.firstDay,
    series.usage.length,
    [...usageSplit.charges, ...oneTimeSplit.charges],
    horizon,
  );
  const firstForecastDay = addDays(series.firstDay, series.usage.length);
  const { points, ...rest } = usage;
  return {
    ...rest,
    firstForecastDay,
    days: points.map((point, index) => {
      const fee = recurring[index]! + detected[index]!;
      return {
        date: addDays(firstForecastDay, index),
        point: point.point + fee,
        lo80: point.lo80 + fee,
        hi80: point.hi80 + fee,
        lo95: point.lo95 + fee,
        hi95: point.hi95 + fee,
        usage: point.point,
        recurring: fee,
      };
    }),
    calendarCharges: [
      ...describeCharges('usage', usageSplit.charges),
      ...describeCharges('one-time', oneTimeSplit.charges),
    ],
  };
}

function describeCharges(
  billedAs: DetectedCalendarCharge['billedAs'],
  charges: readonly CalendarCharge[],
): DetectedCalendarCharge[] {
  return charges.map((charge) => ({
    billedAs,
    slot: charge.slot,
    amount: charge.latest,
    months: charge.months,
    description: `charges billed as ${billedAs} recur on ${describeSlot(charge.slot)} (${charge.months} months in a row); forecast as recurring`,
  }));
}
