import { Decimal } from '../../money.js';

/** The known part of a release's actuals from the bill (computeReleaseActuals) and whether it is all. */
export interface KnownActual {
  known: string;
  /** False when a part is missing: the actual is then a lower bound. */
  complete: boolean;
}

export interface ReleaseVariance {
  estimate: string;
  /** The known actuals; a lower bound when `actualComplete` is false. */
  actual: string;
  actualComplete: boolean;
  /** actual - estimate: positive is an overrun. */
  variance: string;
  /** variance / estimate x 100, null when the estimate is zero. */
  variancePercent: string | null;
  budget: string | null;
  budgetRemaining: string | null;
}

export function computeReleaseVariance(
  estimateTotal: string,
  actuals: KnownActual,
  budget?: string,
): ReleaseVariance {
  const estimate = new Decimal(estimateTotal);
  const actual = new Decimal(actuals.known);
  const variance = actual.minus(estimate);
  return {
    estimate: estimate.toString(),
    actual: actual.toString(),
    actualComplete: actuals.complete,
    variance: variance.toString(),
    variancePercent: estimate.isZero()
      ? null
      : variance.dividedBy(estimate).times(100).toDecimalPlaces(4).toString(),
    budget: budget ?? null,
    budgetRemaining: budget === undefined ? null : new Decimal(budget).minus(actual).toString(),
  };
}

export {
  type ClosedReleaseOutcome,
  type CorrectionFactor,
  computeCorrectionFactors,
} from './correction-factor.js';
