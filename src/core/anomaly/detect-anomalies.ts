import { median, presentValues, scaledMad } from '../forecast/robust-stats.js';

export interface AnomalySettings {
  /** Points per season: 7 for daily data (a weekly cycle), a day of points for sub-daily data. */
  period: number;
  /** Trailing points the seasonal profile, bias and scale are estimated from; default four seasons. */
  window: number;
  /** Robust z-score (residual over scaled MAD) a point must reach. */
  threshold: number;
  /** Smallest |actual - expected| that counts, per point and per anomaly, in the series' unit. */
  minImpact: number;
  /** Residual scale floor as a fraction of the level, so a flat series does not alarm on pennies. */
  minRelativeScale: number;
  /** Unflagged points allowed inside one anomaly before it is split in two. */
  maxGap: number;
  /** Neighbouring phases pooled into each phase's seasonal estimate (0 for daily data). */
  phaseSpread: number;
}

export const DEFAULT_ANOMALY_SETTINGS: AnomalySettings = {
  period: 7,
  window: 28,
  threshold: 5,
  minImpact: 0,
  minRelativeScale: 0.02,
  maxGap: 1,
  phaseSpread: 0,
};

/** Settings for a season of `period` points: the window follows it, sub-daily data pools phases. */
export function settingsForPeriod(
  period: number,
): Pick<AnomalySettings, 'period' | 'window' | 'phaseSpread' | 'maxGap'> {
  return {
    period,
    window: 4 * period,
    phaseSpread: Math.floor(period / 48),
    maxGap: Math.max(1, Math.round(period / 24)),
  };
}

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
 * a result is what an on-call engineer would have been told at that time.
 *
 * Method: an online robust seasonal-trend decomposition with median/MAD residual scoring, after
 * Twitter's Seasonal Hybrid ESD (Hochenbaum, Vallis & Kejariwal 2017, "Automatic anomaly
 * detection in the cloud via statistical learning") and RobustSTL (Wen et al., AAAI 2019):
 * medians in place of means so that earlier anomalies and gaps do not drag the baseline.
 * 1. Level: the median of the last full season of deseasonalised points (value minus the seasonal
 *    term it had; one day, or one week for daily data), so a level shift is absorbed in half a
 *    season without the weekly pattern leaking into the level.
 * 2. Seasonal term of the point's phase: the median, over the trailing window, of (value - its
 *    level) at that phase, pooled with `phaseSpread` neighbouring phases for sub-daily data.
 *    Values already scored enter clipped to expected +/- threshold x scale, so that with few
 *    seasons of history one earlier spike cannot move a phase's median (outlier replacement,
 *    as robust Holt-Winters and STL practice).
 * 3. The errors of steps 1-2 over the trailing window give a bias (their median, which corrects
 *    the half-season lag of a trailing level on a trend) and a scale (the scaled MAD of two
 *    windows of errors). Points are scored only once two seasons of errors exist, that is after
 *    three seasons (21 days of daily data, 3 days of sub-daily); the scale is floored at
 *    `minRelativeScale` x level.
 * 4. Expected = level + seasonal + bias; score = (actual - expected) / scale.
 * Level, bias and scale are refreshed every `period / 24` points (hourly for sub-daily data): they move
 * slowly, and sorting two windows at every 5-minute point would cost 24 times as much.
 */
export function scorePoints(
  values: readonly number[],
  settings: AnomalySettings,
): (PointScore | undefined)[] {
  const { period, window, phaseSpread } = settings;
  const refreshEvery = Math.max(1, Math.floor(period / 24));
  const levels: number[] = [];
  const seasonals: number[] = [];
  const cleaned = [...values];
  const errors: number[] = [];
  const scores: (PointScore | undefined)[] = [];
  let bias = Number.NaN;
  let scale = Number.NaN;
  let level = Number.NaN;
  let refreshedAt = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < values.length; t++) {
    const actual = values[t]!;
    const refresh = t - refreshedAt >= refreshEvery;
    if (refresh) {
      const lastSeason = presentValues(
        values
          .slice(Math.max(0, t - period), t)
          .map((value, k) => value - seasonals[Math.max(0, t - period) + k]!),
      );
      level = t >= period && lastSeason.length * 4 >= period ? median(lastSeason) : Number.NaN;
    }
    levels.push(level);
    const from = Math.max(0, t - window);
    const seasonal = seasonalTerm(cleaned, levels, t, from, period, phaseSpread);
    seasonals.push(seasonal);
    const baseline = level + seasonal;
    const error = Number.isFinite(actual) && Number.isFinite(baseline) ? actual - baseline : Number.NaN;
    if (!Number.isFinite(error)) {
      scores.push(undefined);
      errors.push(error);
      continue;
    }
    if (refresh) {
      const recentErrors = presentValues(errors.slice(from, t));
      const scaleErrors = presentValues(errors.slice(Math.max(0, t - 2 * window), t));
      bias = scaleErrors.length >= 2 * period ? median(recentErrors) : Number.NaN;
      scale = scaledMad(scaleErrors);
      refreshedAt = t;
    }
    errors.push(error);
    if (!Number.isFinite(bias)) {
      // Not yet enough of its own errors to know its scale: learn, do not score.
      scores.push(undefined);
      continue;
    }
    const floor = Math.max(settings.minRelativeScale * Math.abs(level), 1e-9);
    const expected = baseline + bias;
    const spread = Math.max(Number.isFinite(scale) ? scale : 0, floor);
    const score = (actual - expected) / spread;
    scores.push({ index: t, expected, actual, score });
    const limit = settings.threshold * spread;
    cleaned[t] = expected + Math.max(-limit, Math.min(limit, actual - expected));
  }
  return scores;
}

/** Step 2: the median of (value - level) over the window at the phase of t and its neighbours. */
function seasonalTerm(
  values: readonly number[],
  levels: readonly number[],
  t: number,
  from: number,
  period: number,
  spread: number,
): number {
  const deviations: number[] = [];
  for (let season = t - period; season >= from - spread; season -= period)
    for (let j = season - spread; j <= season + spread; j++) {
      if (j < from || j >= t) continue;
      const deviation = values[j]! - levels[j]!;
      if (Number.isFinite(deviation)) deviations.push(deviation);
    }
  return deviations.length > 0 ? median(deviations) : 0;
}

export function detectAnomalies(
  values: readonly number[],
  options: Partial<AnomalySettings> = {},
): Anomaly[] {
  const settings: AnomalySettings = {
    ...DEFAULT_ANOMALY_SETTINGS,
    ...(options.period === undefined ? {} : settingsForPeriod(options.period)),
    ...options,
  };
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
