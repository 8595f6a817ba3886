import { Decimal } from '../money.js';
import { addDays } from './day-dates.js';
import type { ChargeSeries } from './forecast-cost-series.js';

/**
 * A scope's daily history as exact decimal text, split into usage, recurring and one-time
 * charges (index i is firstDay + i days; a day without lines is "0"). This is what the API and
 * budget statuses show, and what sums to the status's actual to the last decimal.
 */
export interface ExactChargeSeries {
  firstDay: string;
  usage: string[];
  recurring: string[];
  oneTime: string[];
}

/** The same history as numbers, for the statistical models only (forecasts, anomaly detection). */
export function toModelSeries(series: ExactChargeSeries): ChargeSeries {
  return {
    firstDay: series.firstDay,
    usage: series.usage.map(Number),
    recurring: series.recurring.map(Number),
    oneTime: series.oneTime.map(Number),
  };
}

/** The exact total of the series' days in [from, to), all charge classes. */
export function sumExactSeriesDays(series: ExactChargeSeries, from: string, to: string): Decimal {
  let total = new Decimal(0);
  series.usage.forEach((usage, index) => {
    const day = addDays(series.firstDay, index);
    if (day >= from && day < to)
      total = total.plus(usage).plus(series.recurring[index]!).plus(series.oneTime[index]!);
  });
  return total;
}
