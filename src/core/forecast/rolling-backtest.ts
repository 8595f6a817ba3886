import { FORECAST_METHODS, type ForecastMethod, METHOD_FUNCTIONS } from './forecast-methods.js';

export interface BacktestSettings {
  /** Days forecast from each origin. */
  horizon: number;
  /** How many origins, a week apart, ending `horizon` days before the last day. */
  origins: number;
  /** Days of history a method needs before the first origin. */
  minTraining: number;
  season: number;
}

export interface MethodBacktest {
  method: ForecastMethod;
  /** Mean absolute scaled error: mean |error| over the in-sample seasonal-naive MAE. */
  mase: number;
  /** errors[lead - 1] = actual - forecast at that lead, one per origin. */
  errorsByLead: number[][];
}

/** Errors of one backtest origin: errors[lead - 1] = actual - forecast, as far as observed. */
export interface ObservedOrigin {
  /** History length (day index of the first forecast day) at the origin. */
  origin: number;
  errors: number[];
}

export const DEFAULT_BACKTEST: BacktestSettings = { horizon: 28, origins: 16, minTraining: 28, season: 7 };

/** Mean absolute error of seasonal-naive one season back, the MASE denominator (Hyndman & Koehler 2006). */
export function seasonalNaiveScale(history: readonly number[], season = 7): number {
  let total = 0;
  let count = 0;
  for (let t = season; t < history.length; t++) {
    total += Math.abs(history[t]! - history[t - season]!);
    count += 1;
  }
  const scale = count > 0 ? total / count : 0;
  if (scale > 0) return scale;
  // A perfectly repeating series: scale by its mean level so errors still compare.
  const level = history.reduce((s, v) => s + Math.abs(v), 0) / Math.max(1, history.length);
  return level > 0 ? level : 1;
}

/** Origins (history lengths) of a rolling-origin evaluation, latest last; empty when too short. */
export function backtestOrigins(length: number, settings: BacktestSettings): number[] {
  const origins: number[] = [];
  for (let k = 0; k < settings.origins; k++) {
    const origin = length - settings.horizon - k * settings.season;
    if (origin < settings.minTraining) break;
    origins.unshift(origin);
  }
  return origins;
}

/**
 * Rolling-origin backtest (Tashman 2000): refit each method on the history up to every
 * origin, forecast `horizon` days, compare with what happened; MASE over all origins and leads.
 */
export function backtestMethods(
  history: readonly number[],
  settings: BacktestSettings,
  methods: readonly ForecastMethod[] = FORECAST_METHODS,
): MethodBacktest[] {
  const origins = backtestOrigins(history.length, settings);
  if (origins.length === 0) return [];
  const scale = seasonalNaiveScale(history.slice(0, origins[origins.length - 1]), settings.season);
  return methods.map((method) => {
    const errorsByLead: number[][] = Array.from({ length: settings.horizon }, () => []);
    let absolute = 0;
    let count = 0;
    for (const origin of origins) {
      const forecast = METHOD_FUNCTIONS[method](history.slice(0, origin), settings.horizon);
      for (let lead = 0; lead < settings.horizon; lead++) {
        const error = history[origin + lead]! - forecast[lead]!;
        errorsByLead[lead]!.push(error);
        absolute += Math.abs(error);
        count += 1;
      }
    }
    return { method, mase: absolute / count / scale, errorsByLead };
  });
}

/**
 * The origins after the latest complete one, a week apart up to the last week, whose horizon
 * has only partly happened: `method` refit at each, errors at the leads observed so far. They
 * hold the newest outcomes (a level shift of the last weeks shows here first) and are used to
 * calibrate intervals only; methods are compared on complete origins.
 */
export function recentOriginErrors(
  history: readonly number[],
  settings: BacktestSettings,
  method: ForecastMethod,
): ObservedOrigin[] {
  const recent: ObservedOrigin[] = [];
  for (
    let origin = history.length - settings.horizon + settings.season;
    origin < history.length;
    origin += settings.season
  ) {
    if (origin < settings.minTraining) continue;
    const observed = history.length - origin;
    const forecast = METHOD_FUNCTIONS[method](history.slice(0, origin), observed);
    recent.push({ origin, errors: forecast.map((value, lead) => history[origin + lead]! - value) });
  }
  return recent;
}
