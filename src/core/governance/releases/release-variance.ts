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

export interface ClosedReleaseOutcome {
  service: string;
  estimate: string;
  actual: string;
  deployments: number;
  failedDeployments: number;
}

export interface CorrectionFactor {
  service: string;
  releases: number;
  /** Sum of actuals / sum of estimates: multiply a new estimate by it. 1 when there is no history. */
  factor: string;
  /** Share of deployments that failed or were rolled back (rework), 0..1. */
  failureRate: number;
}

/**
 * Correction factor per service from closed releases, weighted by size (sum actual / sum
 * estimate, the method of reference-class forecasting), with the historical failure rate.
 */
export function computeCorrectionFactors(outcomes: ClosedReleaseOutcome[]): CorrectionFactor[] {
  const byService = new Map<string, ClosedReleaseOutcome[]>();
  for (const outcome of outcomes)
    byService.set(outcome.service, [...(byService.get(outcome.service) ?? []), outcome]);
  return [...byService.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, list]) => {
      const estimate = list.reduce((sum, item) => sum.plus(item.estimate), new Decimal(0));
      const actual = list.reduce((sum, item) => sum.plus(item.actual), new Decimal(0));
      const deployments = list.reduce((sum, item) => sum + item.deployments, 0);
      const failed = list.reduce((sum, item) => sum + item.failedDeployments, 0);
      return {
        service,
        releases: list.length,
        factor: estimate.isZero() ? '1' : actual.dividedBy(estimate).toDecimalPlaces(4).toString(),
        failureRate: deployments === 0 ? 0 : failed / deployments,
      };
    });
}
