import { mean } from '../forecast/robust-stats.js';
import type { Anomaly } from './detect-anomalies.js';

/**
 * The plain rule the benchmark measures Tollgate against: a point is anomalous when it lies more
 * than `sigmas` standard deviations from the mean of the trailing `points` points (a day of
 * points for sub-daily data). Consecutive flagged points form one anomaly; gaps are skipped.
 */
export function detectWithTrailingSigma(values: readonly number[], points: number, sigmas = 4): Anomaly[] {
  const anomalies: Anomaly[] = [];
  let current: Anomaly | undefined;
  for (let t = points; t < values.length; t++) {
    const actual = values[t]!;
    const trailing = values.slice(t - points, t).filter((v) => Number.isFinite(v));
    if (!Number.isFinite(actual) || trailing.length < 2) continue;
    const expected = mean(trailing);
    const sd = Math.sqrt(trailing.reduce((s, v) => s + (v - expected) ** 2, 0) / (trailing.length - 1));
    const score =
      sd > 0 ? (actual - expected) / sd : actual === expected ? 0 : Math.sign(actual - expected) * Infinity;
    if (Math.abs(score) <= sigmas) continue;
    const direction = actual >= expected ? 'spike' : 'drop';
    if (current && current.endIndex === t - 1 && current.direction === direction) {
      current.endIndex = t;
      current.expected += expected;
      current.actual += actual;
      current.impact += actual - expected;
      if (Math.abs(score) > Math.abs(current.score)) current.score = score;
    } else {
      current = { startIndex: t, endIndex: t, direction, expected, actual, impact: actual - expected, score };
      anomalies.push(current);
    }
  }
  return anomalies;
}
