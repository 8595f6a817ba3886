import type { Anomaly } from './detect-anomalies.js';

/**
 * The simple rule many tools ship, kept as the benchmark's baseline: a day is anomalous when
 * it exceeds the mean of the 7 days before it by 20%. Consecutive flagged days form one anomaly.
 */
export function detectWithTrailingMean(values: readonly number[], days = 7, factor = 1.2): Anomaly[] {
  const anomalies: Anomaly[] = [];
  let current: Anomaly | undefined;
  for (let t = days; t < values.length; t++) {
    const trailing = values.slice(t - days, t);
    const expected = trailing.reduce((s, v) => s + v, 0) / days;
    const actual = values[t]!;
    if (actual > expected * factor) {
      if (current && current.endIndex === t - 1) {
        current.endIndex = t;
        current.expected += expected;
        current.actual += actual;
        current.impact += actual - expected;
      } else {
        current = {
          startIndex: t,
          endIndex: t,
          direction: 'spike',
          expected,
          actual,
          impact: actual - expected,
          score: expected > 0 ? actual / expected : 0,
        };
        anomalies.push(current);
      }
    }
  }
  return anomalies;
}
