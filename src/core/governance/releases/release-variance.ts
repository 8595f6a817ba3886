import { Decimal } from '../../money.js';
import type { ActualPartName } from './release-actuals.js';

/** The known part of a release's actuals from the bill (computeReleaseActuals) and whether it is all. */
export interface KnownActual {
  known: string;
  /** False when a part is missing: the actual is then a lower bound. */
  complete: boolean;
  /** The parts with no figure (their data is missing). */
  missing: readonly ActualPartName[];
}

export interface ReleaseVariance {
  estimate: string;
  /** The known actuals; a lower bound when `actualComplete` is false. */
  actual: string;
  actualComplete: boolean;
  /** actual - estimate: positive is an overrun; null when the actual is unknown (varianceUnknown says why). */
  variance: string | null;
  /** variance / estimate x 100, null when the estimate is zero or the variance unknown. */
  variancePercent: string | null;
  /** Why there is no variance, or null when there is one. */
  varianceUnknown: string | null;
  budget: string | null;
  budgetRemaining: string | null;
}

/**
 * Why a variance cannot be stated, or null when it can: with no cloud cost measured (no
 * deployment yet, or no allocated bill for its window) or nothing known at all, estimate minus
 * a missing actual would read as a -100% saving, which it is not.
 */
export function explainUnknownVariance(actuals: KnownActual): string | null {
  if (actuals.missing.includes('cloud'))
    return `the actual is missing its cloud cost from the bill (missing: ${actuals.missing.join(', ')}); a variance against it would be a false saving`;
  if (!actuals.complete && new Decimal(actuals.known).isZero())
    return `no part of the actual is known yet (missing: ${actuals.missing.join(', ')})`;
  return null;
}

/** Variance of known actuals against an estimate (percent to `places` decimals), null with its reason when unknown. */
export function varianceAgainstEstimate(
  estimateTotal: string,
  actuals: KnownActual,
  places: number,
): Pick<ReleaseVariance, 'variance' | 'variancePercent' | 'varianceUnknown'> {
  const unknown = explainUnknownVariance(actuals);
  if (unknown !== null) return { variance: null, variancePercent: null, varianceUnknown: unknown };
  const estimate = new Decimal(estimateTotal);
  const variance = new Decimal(actuals.known).minus(estimate);
  return {
    variance: variance.toString(),
    variancePercent: estimate.isZero()
      ? null
      : variance.dividedBy(estimate).times(100).toDecimalPlaces(places).toString(),
    varianceUnknown: null,
  };
}

export function computeReleaseVariance(
  estimateTotal: string,
  actuals: KnownActual,
  budget?: string,
): ReleaseVariance {
  const estimate = new Decimal(estimateTotal);
  const actual = new Decimal(actuals.known);
  return {
    estimate: estimate.toString(),
    actual: actual.toString(),
    actualComplete: actuals.complete,
    ...varianceAgainstEstimate(estimateTotal, actuals, 4),
    budget: budget ?? null,
    budgetRemaining: budget === undefined ? null : new Decimal(budget).minus(actual).toString(),
  };
}

export {
  type ClosedReleaseOutcome,
  type CorrectionFactor,
  computeCorrectionFactors,
} from './correction-factor.js';
