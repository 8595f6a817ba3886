import { Decimal } from '../../money.js';

export interface ReleaseActuals {
  labour: string;
  deployments: string;
  /** Cloud cost of billing lines tagged with the release or one of its deployed versions. */
  cloud: string;
}

export interface ReleaseVariance {
  estimate: string;
  actual: string;
  /** actual - estimate: positive is an overrun. */
  variance: string;
  /** variance / estimate x 100, null when the estimate is zero. */
  variancePercent: string | null;
  budget: string | null;
  budgetRemaining: string | null;
}

export function computeReleaseVariance(
  estimateTotal: string,
  actuals: ReleaseActuals,
  budget?: string,
): ReleaseVariance {
  const estimate = new Decimal(estimateTotal);
  const actual = new Decimal(actuals.labour).plus(actuals.deployments).plus(actuals.cloud);
  const variance = actual.minus(estimate);
  return {
    estimate: estimate.toString(),
    actual: actual.toString(),
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
