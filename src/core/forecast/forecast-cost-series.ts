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

export interface CostForecast extends Omit<SeriesForecast, 'points'> {
  firstForecastDay: string;
  days: CostForecastDay[];
}

/**
 * Forecasts a scope's daily cost: usage by the backtested model, recurring charges by calendar
 * (recurring-charges.ts), one-time charges left out of both the model's history and the
 * future, so a one-off purchase neither inflates the trend nor repeats. The interval is the
 * usage model's; recurring charges are treated as known.
 */
export function forecastCostSeries(series: ChargeSeries, horizon: number): CostForecast {
  const usage = forecastSeries(series.usage, horizon);
  const recurring = forecastRecurringCharges(series.firstDay, series.recurring, horizon);
  const firstForecastDay = addDays(series.firstDay, series.usage.length);
  const { points, ...rest } = usage;
  return {
    ...rest,
    firstForecastDay,
    days: points.map((point, index) => {
      const fee = recurring[index]!;
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
  };
}
