/** A labelled anomaly window and the detections made on one series, all in epoch milliseconds. */
export interface WindowedSeries {
  windows: readonly (readonly [number, number])[];
  /** Times of the points a detector flagged. */
  detections: readonly number[];
}

export interface WindowScore {
  windows: number;
  foundWindows: number;
  /** Runs of flagged points outside every window, a run ending after `falseRunMs` of quiet. */
  falseRuns: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Precision, recall and F1 by window, as the NAB data's SOURCES.md states them:
 * 1. A window is found when at least one detection falls inside it (ends included).
 * 2. Detections outside every window are false positives; those less than `falseRunMs` after
 *    the previous false one belong to the same run and count once.
 * 3. Precision = found / (found + false runs); recall = found / windows; F1 their harmonic mean.
 * Counts add up over all the series before the ratios are taken (micro-averaging).
 */
export function scoreWindows(series: readonly WindowedSeries[], falseRunMs = 3_600_000): WindowScore {
  let windows = 0;
  let foundWindows = 0;
  let falseRuns = 0;
  for (const { windows: spans, detections } of series) {
    windows += spans.length;
    foundWindows += spans.filter(([from, to]) => detections.some((t) => t >= from && t <= to)).length;
    let lastFalse = Number.NEGATIVE_INFINITY;
    for (const t of [...detections].sort((a, b) => a - b)) {
      if (spans.some(([from, to]) => t >= from && t <= to)) continue;
      if (t - lastFalse >= falseRunMs) falseRuns += 1;
      lastFalse = t;
    }
  }
  const precision = foundWindows + falseRuns === 0 ? 0 : foundWindows / (foundWindows + falseRuns);
  const recall = windows === 0 ? 0 : foundWindows / windows;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { windows, foundWindows, falseRuns, precision, recall, f1 };
}
