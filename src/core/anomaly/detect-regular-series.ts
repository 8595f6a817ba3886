import { coarsenSeries } from './coarsen-series.js';
import { type Anomaly, type AnomalySettings, detectAnomalies } from './detect-anomalies.js';
import type { RegularSeries } from './series-csv.js';

export interface SeriesAnomalyFound extends Anomaly {
  /** Index (in the series' own points) of the last point of the first flagged step: when an
   * online detector could first have raised the alert. */
  alertIndex: number;
}

/** Hourly is the finest step judged: finer series are folded into hours first. */
const MAX_POINTS_PER_DAY = 24;

/**
 * Detects anomalies in a regular series of any step. Daily series keep a weekly season; sub-daily
 * series are folded into hours (sums) and keep a daily season of 24 points, which needs only
 * three days of history and is the cycle most metric and usage series share. Indices of the
 * result are the series' own points.
 */
export function detectRegularSeries(
  series: RegularSeries,
  settings: Partial<Pick<AnomalySettings, 'threshold' | 'minImpact'>>,
): SeriesAnomalyFound[] {
  const factor = series.pointsPerDay > MAX_POINTS_PER_DAY ? series.pointsPerDay / MAX_POINTS_PER_DAY : 1;
  const values = factor === 1 ? series.values : coarsenSeries(series.values, factor);
  const period = factor === 1 ? series.period : MAX_POINTS_PER_DAY;
  return detectAnomalies(values, { ...settings, period }).map((a) => ({
    ...a,
    startIndex: a.startIndex * factor,
    endIndex: Math.min(series.values.length - 1, (a.endIndex + 1) * factor - 1),
    alertIndex: Math.min(series.values.length - 1, (a.startIndex + 1) * factor - 1),
  }));
}

/** Points a series of this step needs before anything is scored: three seasons. */
export function minimumSeriesPoints(series: RegularSeries): number {
  return series.pointsPerDay > MAX_POINTS_PER_DAY ? 3 * series.pointsPerDay : 3 * series.period;
}
