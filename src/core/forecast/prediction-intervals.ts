import { quantile } from './robust-stats.js';

export interface IntervalBounds {
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

export const INTERVAL_SOURCE =
  'empirical quantiles of the chosen method’s rolling-origin backtest errors at each lead time, widened to hold on the later origins and the last weeks’ outcomes, following recent misses (adaptive conformal inference, Gibbs & Candès 2021)';

/**
 * Prediction intervals from backtest errors.
 *
 * 1. For lead h, pool the errors of leads h-w..h+w, widening w until at least 60 errors are
 *    pooled, because each lead alone has only one error per backtest origin.
 * 2. Take the 10/90% and 2.5/97.5% quantiles of the pooled errors (empirical, so skewed cost
 *    errors keep their skew) and add them to the point forecast.
 * 3. Past the backtested horizon H, widen the lead-H quantiles by sqrt(h / H), the growth of a
 *    random walk's error, rather than pretend the uncertainty stops growing.
 */
export function offsetsFromErrors(errorsByLead: readonly number[][], horizon: number): IntervalBounds[] {
  const tested = errorsByLead.length;
  const offsets: IntervalBounds[] = [];
  for (let lead = 1; lead <= horizon; lead++) {
    const anchor = Math.min(lead, tested);
    let pool: number[] = [];
    for (let width = 0; width <= tested; width++) {
      pool = [];
      for (let l = Math.max(1, anchor - width); l <= Math.min(tested, anchor + width); l++)
        pool.push(...errorsByLead[l - 1]!);
      if (pool.length >= 60) break;
    }
    const widen = lead > tested ? Math.sqrt(lead / tested) : 1;
    offsets.push({
      lo80: quantile(pool, 0.1) * widen,
      hi80: quantile(pool, 0.9) * widen,
      lo95: quantile(pool, 0.025) * widen,
      hi95: quantile(pool, 0.975) * widen,
    });
  }
  return offsets;
}
