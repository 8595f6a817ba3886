import { Decimal } from '../../money.js';

/**
 * How Tollgate learns a correction factor from closed releases; stated with every estimate so a
 * reader can check what a corrected figure rests on.
 */
export const CORRECTION_RULES = {
  /** Fewer closed releases with complete actuals than this and the factor stays 1. */
  minimumReleases: 3,
  /** The learned factor is kept within these bounds: one odd release cannot swing an estimate. */
  lowerBound: '0.5',
  upperBound: '2',
} as const;

export interface ClosedReleaseOutcome {
  releaseId: string;
  service: string;
  estimate: string;
  actual: string;
  /** The parts of the release's actuals from the bill that are missing (labour, cloud, ...). */
  missing: string[];
  deployments: number;
  failedDeployments: number;
}

export interface CorrectionFactor {
  service: string;
  /** Closed releases the factor is learned from (complete actuals only). */
  releases: number;
  /** Closed releases left out, each with why. */
  ignoredReleases: { releaseId: string; reason: string }[];
  /** Sum of actuals / sum of estimates over the releases used; null with none. */
  measured: string | null;
  /** The factor applied: 1 below the minimum count, else `measured` within the bounds. */
  factor: string;
  /** True when enough releases back the factor and it is applied. */
  applied: boolean;
  /** What the factor is based on, in a sentence. */
  basis: string;
  /** Share of deployments that failed or were rolled back (rework), 0..1. */
  failureRate: number;
}

/**
 * Correction factor per service from closed releases (reference-class forecasting):
 * 1. leave out releases with a missing part of their actuals (such as no labour booked) or a
 *    zero estimate, saying why;
 * 2. below the minimum number of releases left, apply 1;
 * 3. otherwise the size-weighted ratio sum(actual) / sum(estimate), clamped to the bounds.
 */
export function computeCorrectionFactors(outcomes: ClosedReleaseOutcome[]): CorrectionFactor[] {
  const byService = new Map<string, ClosedReleaseOutcome[]>();
  for (const outcome of outcomes)
    byService.set(outcome.service, [...(byService.get(outcome.service) ?? []), outcome]);
  const lower = new Decimal(CORRECTION_RULES.lowerBound);
  const upper = new Decimal(CORRECTION_RULES.upperBound);
  return [...byService.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, list]) => {
      const ignoredReleases = list.flatMap((item) =>
        item.missing.length > 0
          ? [{ releaseId: item.releaseId, reason: describeMissing(item.missing) }]
          : new Decimal(item.estimate).isZero()
            ? [{ releaseId: item.releaseId, reason: 'no estimate' }]
            : [],
      );
      const used = list.filter((item) => !ignoredReleases.some((i) => i.releaseId === item.releaseId));
      const estimate = used.reduce((sum, item) => sum.plus(item.estimate), new Decimal(0));
      const actual = used.reduce((sum, item) => sum.plus(item.actual), new Decimal(0));
      const measured = used.length === 0 ? null : actual.dividedBy(estimate).toDecimalPlaces(4);
      const applied = measured !== null && used.length >= CORRECTION_RULES.minimumReleases;
      const factor = applied ? Decimal.min(upper, Decimal.max(lower, measured)) : new Decimal(1);
      const deployments = list.reduce((sum, item) => sum + item.deployments, 0);
      const failed = list.reduce((sum, item) => sum + item.failedDeployments, 0);
      const ignored =
        ignoredReleases.length === 0
          ? ''
          : `; ${ignoredReleases.length} left out (${summarise(ignoredReleases)})`;
      const basis = applied
        ? `${used.length} closed releases with complete actuals, actual/estimate ${measured!.toString()}${factor.equals(measured!) ? '' : `, bounded to ${factor.toString()}`}${ignored}`
        : `${used.length} of the ${CORRECTION_RULES.minimumReleases} closed releases with complete actuals needed, so 1${ignored}`;
      return {
        service,
        releases: used.length,
        ignoredReleases,
        measured: measured === null ? null : measured.toString(),
        factor: factor.toString(),
        applied,
        basis,
        failureRate: deployments === 0 ? 0 : failed / deployments,
      };
    });
}

function describeMissing(parts: readonly string[]): string {
  return parts
    .map((part) =>
      part === 'labour'
        ? 'no labour booked'
        : part === 'deploymentProcess'
          ? 'no deployment process actuals'
          : `no ${part} actuals`,
    )
    .join(', ');
}

function summarise(ignored: { reason: string }[]): string {
  const counts = new Map<string, number>();
  for (const item of ignored) counts.set(item.reason, (counts.get(item.reason) ?? 0) + 1);
  return [...counts.entries()].map(([reason, count]) => `${count} ${reason}`).join(', ');
}
