import { median, presentValues, scaledMad } from '../forecast/robust-stats.js';

export interface AnomalySettings {
  /** Points per season: 7 for daily data with a weekly cycle, 168 for hourly. */
  period: number;
  /** Trailing points the baseline is estimated from; default four seasons. */
  window: number;
  /** Robust z-score (residual over scaled MAD) a point must reach. */
  threshold: number;
  /** Smallest |actual - expected| that counts, per point and per anomaly, in the series' unit. */
  minImpact: number;
  /** Residual scale floor as a fraction of the level, so a flat series does not alarm on pennies. */
  minRelativeScale: number;
  /** Unflagged points allowed inside one anomaly before it is split in two. */
  maxGap: number;
}

export const DEFAULT_ANOMALY_SETTINGS: AnomalySettings = {
  period: 7,
  window: 28,
  threshold: 5,
  minImpact: 0,
  minRelativeScale: 0.02,
  maxGap: 1,
};

export interface PointScore {
  index: number;
  expected: number;
  actual: number;
  score: number;
}

export interface Anomaly {
  startIndex: number;
  endIndex: number;
  direction: 'spike' | 'drop';
  /** Sums over the anomaly's points. */
  expected: number;
  actual: number;
  impact: number;
  /** The score of largest magnitude inside the anomaly, signed. */
  score: number;
}

/**
 * Scores each point against a seasonal, robust baseline made of the points before it only, so
 * a result is what an on-call engineer would have been told on that day.
 *
 * Method: a trailing seasonal decomposition with median/MAD scoring, in the spirit of
 * Twitter's Seasonal Hybrid ESD (Hochenbaum, Vallis & Kejariwal 2017): medians in place of
 * means so that earlier anomalies do not drag the baseline.
 * 1. Take the trailing `window` points; the level is their median.
 * 2. The seasonal term of each phase (weekday) is the median of (value - level) at that phase.
 * 3. The errors of step 1-2's baseline over the trailing window (actual - baseline, as it was
 *    on each of those days) give a bias and a scale: their median corrects the lag a trailing
 *    median has on a growing series, their scaled MAD is the score's scale, so the estimation
 *    error of the medians counts as noise and earlier anomalies are ignored. The scale uses
 *    two windows of errors (steadier), the bias one (faster). Points are scored only once two
 *    seasons of errors exist, so a series needs window + 2 x period points (42 days) first.
 *    The scale is floored at `minRelativeScale` x level.
 * 4. Expected = level + the seasonal term of the point's phase + bias;
 *    score = (actual - expected) / scale.
 */
export function scorePoints(
  values: readonly number[],
  settings: AnomalySettings,
): (PointScore | undefined)[] {
  const { period, window } = settings;
  const scores: (PointScore | undefined)[] = [];
  const errors: number[] = [];
  for (let t = 0; t < values.length; t++) {
    const actual = values[t]!;
    const from = Math.max(0, t - window);
    const trailing = values.slice(from, t);
    if (!Number.isFinite(actual) || presentValues(trailing).length < window) {
      scores.push(undefined);
      errors.push(Number.NaN);
      continue;
    }
    const level = median(trailing);
    const byPhase: number[][] = Array.from({ length: period }, () => []);
    trailing.forEach((value, offset) => {
      if (Number.isFinite(value)) byPhase[(from + offset) % period]!.push(value - level);
    });
    const seasonal = byPhase.map((deviations) => (deviations.length > 0 ? median(deviations) : 0));
    const recentErrors = presentValues(errors.slice(from, t));
    const scaleErrors = presentValues(errors.slice(Math.max(0, t - 2 * window), t));
    if (recentErrors.length < 2 * period) {
      // Not yet enough of its own errors to know its scale: learn, do not score.
      scores.push(undefined);
      errors.push(actual - level - seasonal[t % period]!);
      continue;
    }
    const bias = median(recentErrors);
    const spread = scaledMad(scaleErrors);
    const scale = Math.max(
      Number.isFinite(spread) ? spread : 0,
      settings.minRelativeScale * Math.abs(level),
      1e-9,
    );
    const baseline = level + seasonal[t % period]!;
    const expected = baseline + bias;
    scores.push({ index: t, expected, actual, score: (actual - expected) / scale });
    errors.push(actual - baseline);
  }
  return scores;
}

export function detectAnomalies(
  values: readonly number[],
  options: Partial<AnomalySettings> = {},
): Anomaly[] {
  const settings: AnomalySettings = { ...DEFAULT_ANOMALY_SETTINGS, ...options };
  if (options.period !== undefined && options.window === undefined) settings.window = 4 * settings.period;
  const scores = scorePoints(values, settings);
  const anomalies: Anomaly[] = [];
  let current: (Anomaly & { lastFlagged: number }) | undefined;
  const close = () => {
    if (current && Math.abs(current.impact) >= settings.minImpact) {
      const { lastFlagged: _, ...anomaly } = current;
      anomalies.push(anomaly);
    }
    current = undefined;
  };
  for (const scored of scores) {
    if (!scored) continue;
    const deviation = scored.actual - scored.expected;
    const flagged = Math.abs(scored.score) >= settings.threshold && Math.abs(deviation) >= settings.minImpact;
    const direction = deviation >= 0 ? 'spike' : 'drop';
    if (
      current &&
      (scored.index - current.lastFlagged > settings.maxGap + 1 ||
        (flagged && direction !== current.direction))
    )
      close();
    if (!flagged) continue;
    if (!current) {
      current = {
        startIndex: scored.index,
        endIndex: scored.index,
        direction,
        expected: 0,
        actual: 0,
        impact: 0,
        score: 0,
        lastFlagged: scored.index,
      };
    }
    current.endIndex = scored.index;
    current.lastFlagged = scored.index;
    current.expected += scored.expected;
    current.actual += scored.actual;
    current.impact += deviation;
    if (Math.abs(scored.score) > Math.abs(current.score)) current.score = scored.score;
  }
  close();
  return anomalies;
}
