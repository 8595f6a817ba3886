import { type IntervalBounds, offsetsFromErrors } from './prediction-intervals.js';

/** How much wider than their raw backtest quantiles the 80% and 95% intervals are drawn. */
export interface IntervalWidening {
  width80: number;
  width95: number;
}

/** The widest factor tried: a series whose last weeks broke its pattern can need several times its past errors. */
export const MAX_WIDENING = 5;
const STEP = 0.05;
/** Weight of a held-out origin relative to the next later one (origins are a week apart). */
export const ORIGIN_DECAY = 0.7;

/**
 * Widens backtest-error intervals until they hold on origins they were not drawn from: split
 * conformal calibration (Vovk et al. 2005; Lei et al. 2018) on the series' own rolling-origin
 * backtest, with the held-out origins weighted by recency (weighted conformal prediction for
 * data that drift, Barber, Candès, Ramdas & Tibshirani 2023).
 * Quantiles of a few origins' errors are too narrow (few, correlated errors; the method chosen
 * for its small errors), and a series whose recent weeks broke its pattern (a level shift, a
 * spike) needs more room than its older errors show.
 * 1. Split the origins in time: the earlier half draws the intervals (offsetsFromErrors), the
 *    later half is held out.
 * 2. Weight each held-out origin ORIGIN_DECAY^age, age 0 for the latest, so the recent weeks
 *    count most.
 * 3. For each level, find the smallest factor (1 to MAX_WIDENING, in steps of 0.05) by which
 *    the earlier half's offsets must be multiplied so that the weighted share of held-out
 *    errors inside, over all leads, reaches the nominal rate. One factor for all leads: a
 *    pattern broken in the latest weeks shows only at the later leads of the latest origins,
 *    yet threatens every lead of the next forecast.
 * 4. Those factors widen the intervals drawn from all origins. Fewer than 4 origins: no
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
    let total = 0;
    errorsByLead.forEach((errors, lead) => {
      const [lo, hi] = bounds(offsets[lead]!);
      const held = errors.slice(split);
      held.forEach((error, index) => {
        const weight = ORIGIN_DECAY ** (held.length - 1 - index);
        if (error >= Math.min(lo, 0) * factor && error <= Math.max(hi, 0) * factor) inside += weight;
        total += weight;
      });
    });
    // A small tolerance: weighted shares are sums of powers, so an exact hit may round below.
    if (total === 0 || inside / total >= nominal - 1e-12) return Number(factor.toFixed(2));
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
