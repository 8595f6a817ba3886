import { type IntervalBounds, offsetsFromErrors } from './prediction-intervals.js';

/** How much wider than their raw backtest quantiles the 80% and 95% intervals are drawn. */
export interface IntervalWidening {
  width80: number;
  width95: number;
}

const MAX_WIDENING = 3;
const STEP = 0.05;

/**
 * Widens backtest-error intervals until they hold on origins they were not drawn from: a
 * split-conformal check on the series' own rolling-origin backtest (Vovk et al. 2005; Lei et al.
 * 2018, split conformal). Quantiles of a few origins' errors are too narrow (few, correlated
 * errors; the method chosen for its small errors), and a series whose errors grow over time
 * needs more room than its past errors show.
 * 1. Split the origins in time: the earlier half draws the intervals (offsetsFromErrors), the
 *    later half is held out.
 * 2. For each level, find the smallest factor (1 to 3, in steps of 0.05) by which the earlier
 *    half's offsets must be multiplied so that the held-out errors fall inside at the nominal
 *    rate.
 * 3. Those factors widen the intervals drawn from all origins. Fewer than 4 origins: no
 *    widening (nothing to hold out).
 */
export function calibrateIntervalWidth(errorsByLead: readonly number[][]): IntervalWidening {
  const origins = errorsByLead[0]?.length ?? 0;
  if (origins < 4) return { width80: 1, width95: 1 };
  const split = Math.floor(origins / 2);
  const early = errorsByLead.map((errors) => errors.slice(0, split));
  const offsets = offsetsFromErrors(early, errorsByLead.length);
  return {
    width80: smallestWidening(errorsByLead, offsets, split, 0.8, (o) => [o.lo80, o.hi80]),
    width95: smallestWidening(errorsByLead, offsets, split, 0.95, (o) => [o.lo95, o.hi95]),
  };
}

function smallestWidening(
  errorsByLead: readonly number[][],
  offsets: readonly IntervalBounds[],
  split: number,
  nominal: number,
  bounds: (offset: IntervalBounds) => [number, number],
): number {
  for (let factor = 1; factor < MAX_WIDENING + STEP / 2; factor += STEP) {
    let inside = 0;
    let count = 0;
    errorsByLead.forEach((errors, lead) => {
      const [lo, hi] = bounds(offsets[lead]!);
      for (const error of errors.slice(split)) {
        if (error >= Math.min(lo, 0) * factor && error <= Math.max(hi, 0) * factor) inside += 1;
        count += 1;
      }
    });
    if (count === 0 || inside / count >= nominal) return Number(factor.toFixed(2));
  }
  return MAX_WIDENING;
}

/** Offsets widened by the factors found. */
export function widenOffsets(
  offsets: readonly IntervalBounds[],
  widening: IntervalWidening,
): IntervalBounds[] {
  return offsets.map((offset) => ({
    lo80: offset.lo80 * widening.width80,
    hi80: offset.hi80 * widening.width80,
    lo95: offset.lo95 * widening.width95,
    hi95: offset.hi95 * widening.width95,
  }));
}
