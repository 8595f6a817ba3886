import { calibrateIntervalWidth, widenOffsets } from './calibrate-intervals.js';
import { FORECAST_METHODS, type ForecastMethod, METHOD_FUNCTIONS } from './forecast-methods.js';
import { INTERVAL_SOURCE, type IntervalBounds, offsetsFromErrors } from './prediction-intervals.js';
import { mean } from './robust-stats.js';
import {
  type BacktestSettings,
  backtestMethods,
  backtestOrigins,
  DEFAULT_BACKTEST,
  recentOriginErrors,
} from './rolling-backtest.js';

export interface SeriesForecast {
  method: ForecastMethod;
  /** Why this method: the backtest winner, or the fallback and its reason. */
  reason: string;
  /** MASE of every method tried, chosen first; empty when the series was too short to backtest. */
  backtest: { method: ForecastMethod; mase: number }[];
  intervalSource: string;
  warnings: string[];
  points: ({ point: number } & IntervalBounds)[];
}

/**
 * Forecasts one daily series.
 *
 * 1. Backtest every method by rolling origin (rolling-backtest.ts) on the series' own history.
 * 2. Choose the smallest MASE; seasonal-naive wins ties, being the simplest.
 * 3. Refit the chosen method on the whole history and forecast `horizon` days.
 * 4. Intervals from the chosen method's backtest errors (prediction-intervals.ts), widened
 *    until they hold on the backtest's later outcomes, the last weeks' included, by adaptive
 *    conformal inference (calibrate-intervals.ts).
 * A series too short to backtest falls back to seasonal-naive and says so; its interval is a
 * spread of +/- the history's own variation, stated as such.
 */
export function forecastSeries(
  history: readonly number[],
  horizon: number,
  options: { nonNegative?: boolean; backtest?: Partial<BacktestSettings> } = {},
): SeriesForecast {
  const nonNegative = options.nonNegative ?? true;
  const settings: BacktestSettings = {
    ...DEFAULT_BACKTEST,
    ...options.backtest,
  };
  settings.horizon = Math.max(1, Math.min(settings.horizon, horizon));
  const results = backtestMethods(history, settings, FORECAST_METHODS);
  const warnings: string[] = [];
  let method: ForecastMethod = 'seasonal-naive';
  let reason: string;
  let offsets: IntervalBounds[];
  if (results.length === 0) {
    const needed = settings.minTraining + settings.horizon;
    reason = `series too short to backtest (${history.length} days, need ${needed}); fell back to the seasonal-naive baseline`;
    warnings.push(reason);
    offsets = fallbackOffsets(history, horizon);
  } else {
    const sorted = [...results].sort(
      (a, b) => a.mase - b.mase || FORECAST_METHODS.indexOf(a.method) - FORECAST_METHODS.indexOf(b.method),
    );
    const best = sorted[0]!;
    method = best.method;
    reason = `lowest rolling-origin backtest MASE (${best.mase.toFixed(3)}) over ${results[0]!.errorsByLead[0]!.length} origins`;
    offsets = widenOffsets(
      offsetsFromErrors(best.errorsByLead, horizon),
      calibrateIntervalWidth(
        best.errorsByLead,
        backtestOrigins(history.length, settings),
        recentOriginErrors(history, settings, method),
      ),
    );
  }
  const point = METHOD_FUNCTIONS[method](history, horizon);
  const clip = (value: number) => (nonNegative ? Math.max(0, value) : value);
  return {
    method,
    reason,
    backtest: [...results]
      .sort((a, b) => (a.method === method ? -1 : b.method === method ? 1 : a.mase - b.mase))
      .map(({ method: m, mase }) => ({ method: m, mase })),
    intervalSource:
      results.length === 0 ? 'spread of the short history (no backtest possible)' : INTERVAL_SOURCE,
    warnings,
    points: point.map((value, index) => {
      const offset = offsets[index]!;
      // A biased method's error quantiles can both sit on one side; the bounds still hold the point.
      const lo80 = Math.min(offset.lo80, 0);
      const hi80 = Math.max(offset.hi80, 0);
      return {
        point: clip(value),
        lo80: clip(value + lo80),
        hi80: clip(value + hi80),
        lo95: clip(value + Math.min(offset.lo95, lo80)),
        hi95: clip(value + Math.max(offset.hi95, hi80)),
      };
    }),
  };
}

function fallbackOffsets(history: readonly number[], horizon: number): IntervalBounds[] {
  const level = mean(history);
  const spread =
    history.length > 1
      ? Math.sqrt(history.reduce((s, v) => s + (v - level) ** 2, 0) / (history.length - 1))
      : Math.abs(Number.isFinite(level) ? level : 0) * 0.5;
  return Array.from({ length: horizon }, () => ({
    lo80: -1.2816 * spread,
    hi80: 1.2816 * spread,
    lo95: -1.96 * spread,
    hi95: 1.96 * spread,
  }));
}
