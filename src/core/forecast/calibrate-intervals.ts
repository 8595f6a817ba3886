import { type IntervalBounds, offsetsFromErrors } from './prediction-intervals.js';
import type { ObservedOrigin } from './rolling-backtest.js';

/** How much wider than their raw backtest quantiles the 80% and 95% intervals are drawn. */
export interface IntervalWidening {
  width80: number;
  width95: number;
}

/** The widest factor: a series whose last weeks broke its pattern can need several times its past errors. */
export const MAX_WIDENING = 5;
/** ACI's step size gamma: how far one observed miss or hit moves the miss rate aimed at. */
export const ACI_STEP = 0.05;

/** One held-out backtest error, scored against the interval drawn without it. */
interface HeldOutScore {
  /** Day index on which the actual became known (origin + lead - 1). */
  revealed: number;
  lead: number;
  /** The smallest factor by which that lead's interval must be widened to hold the error. */
  score: number;
}

/**
 * Widens backtest-error intervals so they hold on outcomes they were not drawn from, and
 * follows a series whose errors change: split conformal calibration (Vovk et al. 2005; Lei et
 * al. 2018) run as adaptive conformal inference (ACI, Gibbs & Candès 2021, "Adaptive conformal
 * inference under distribution shift"), which keeps coverage under distribution shift by moving
 * the miss rate it aims at from the misses it observes.
 * 1. Split the complete backtest origins in time: the earlier half draws the base intervals
 *    (offsetsFromErrors); every later outcome is held out: the later half's errors and those
 *    of the recent origins whose horizon is only partly observed (the last weeks' short leads,
 *    the first place a level shift shows).
 * 2. Score each held-out error by the factor its lead's base bound must be multiplied by to
 *    hold it (error / upper bound above the point, error / lower bound below it).
 * 3. Replay the held-out outcomes in the order their actuals became known. Before each, the
 *    factor is the conformal quantile, at level 1 - alpha_t, of the scores already known (once
 *    they are enough for a finite quantile at the nominal level);
 *    after it, alpha_{t+1} = alpha_t + ACI_STEP (alpha - miss_t), alpha the nominal miss rate
 *    (0.2 or 0.05), miss_t 1 when the score exceeded the factor. A run of misses (a shift)
 *    lowers alpha_t and widens, a run of hits lets it recover.
 * 4. The forecast's factor is the same quantile of all held-out scores at the final alpha,
 *    from 1 (never narrower than the raw quantiles) to MAX_WIDENING (also ACI's unbounded
 *    interval when alpha <= 0). One factor for all leads: a pattern broken in the
 *    latest weeks shows first at the short leads of the latest origins, yet threatens every
 *    lead of the next forecast. Fewer than 4 complete origins: no widening.
 */
export function calibrateIntervalWidth(
  errorsByLead: readonly number[][],
  origins: readonly number[] = errorsByLead[0]?.map((_, index) => index * 7) ?? [],
  recent: readonly ObservedOrigin[] = [],
): IntervalWidening {
  const complete = errorsByLead[0]?.length ?? 0;
  if (complete < 4) return { width80: 1, width95: 1 };
  const split = Math.floor(complete / 2);
  const early = errorsByLead.map((errors) => errors.slice(0, split));
  const offsets = offsetsFromErrors(early, errorsByLead.length);
  const heldOut: ObservedOrigin[] = [
    ...origins.slice(split).map((origin, index) => ({
      origin,
      errors: errorsByLead.map((errors) => errors[split + index]!),
    })),
    ...recent,
  ];
  return {
    width80: adaptWidening(
      scoreHeldOut(heldOut, offsets, (o) => [o.lo80, o.hi80]),
      0.8,
    ),
    width95: adaptWidening(
      scoreHeldOut(heldOut, offsets, (o) => [o.lo95, o.hi95]),
      0.95,
    ),
  };
}

function scoreHeldOut(
  heldOut: readonly ObservedOrigin[],
  offsets: readonly IntervalBounds[],
  bounds: (offset: IntervalBounds) => [number, number],
): HeldOutScore[] {
  const scores: HeldOutScore[] = [];
  for (const { origin, errors } of heldOut)
    errors.forEach((error, index) => {
      const [lo, hi] = bounds(offsets[Math.min(index, offsets.length - 1)]!);
      scores.push({ revealed: origin + index, lead: index + 1, score: widthToHold(error, lo, hi) });
    });
  return scores.sort((a, b) => a.revealed - b.revealed || a.lead - b.lead);
}

function widthToHold(error: number, lo: number, hi: number): number {
  if (error > 0) return hi > 0 ? error / hi : Number.POSITIVE_INFINITY;
  if (error < 0) return lo < 0 ? error / lo : Number.POSITIVE_INFINITY;
  return 0;
}

function adaptWidening(scores: readonly HeldOutScore[], nominal: number): number {
  const target = 1 - nominal;
  let alpha = target;
  const known: number[] = [];
  for (const { score } of scores) {
    // Too few scores for a finite quantile at the nominal level (fewer than 4 at 80%, 19 at
    // 95%): the interval is unbounded, a hit that says nothing, and would only drift alpha up.
    if ((known.length + 1) * nominal <= known.length) {
      const miss = score > conformalQuantile(known, alpha) ? 1 : 0;
      alpha += ACI_STEP * (target - miss);
    }
    known.push(score);
  }
  const factor = conformalQuantile(known, alpha);
  return Number(Math.min(MAX_WIDENING, Math.max(1, factor)).toFixed(2));
}

/**
 * The ceil((n + 1)(1 - alpha))-th smallest of n scores, the split-conformal quantile (Lei et al.
 * 2018). Past the largest, the largest: the factor that held every outcome seen. alpha <= 0 is
 * ACI's unbounded interval: MAX_WIDENING. No scores yet: 1.
 */
function conformalQuantile(scores: readonly number[], alpha: number): number {
  if (alpha <= 0) return MAX_WIDENING;
  if (scores.length === 0) return 1;
  // A tolerance under the ceiling: alpha is a sum of steps, and 8.000000000000002 must rank 8.
  const rank = Math.min(scores.length, Math.max(1, Math.ceil((scores.length + 1) * (1 - alpha) - 1e-9)));
  return Math.min(MAX_WIDENING, [...scores].sort((a, b) => a - b)[rank - 1]!);
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
