import { maskIdentifier } from '../../core/access/mask-identifier.js';
import { parsePeriod } from '../../core/allocation/billing-period.js';
import { TollgateError } from '../../core/errors.js';
import { type FieldLabels, labelOf } from '../../core/field-labels.js';
import { Decimal } from '../../core/money.js';
import type { Stores } from '../../ports/stores.js';
import { findUnplacedEnvironmentTags } from './find-unplaced-environment-tags.js';
import { requireCurrentCatalog } from './manage-catalog.js';
import { share } from './preview-rules.js';

/**
 * The tags every line should carry when none are named: the owner tag, service and environment.
 * One default for the CLI and the API, so `quality` answers the same question on both.
 */
export function defaultRequiredTags(ownerTag: string): string[] {
  return [...new Set([ownerTag, 'service', 'environment'])];
}

/** Unallocated spend above this share of the period is flagged (the usual FinOps goal). */
export const UNALLOCATED_GOAL_PERCENT = '5';

/**
 * How allocatable a period's spend is (effective cost): the share of spend carrying each
 * required tag (keys read ignoring case), the unallocated ratio of the current allocation run
 * against the 5% goal, spend whose team/service/cost-centre tag names nothing in the catalogue,
 * env/environment tag values the allocation placed in no environment (the same mapping it
 * uses: `prd` is production), and the resources with most cost lacking a required tag.
 */
export async function measureQuality(
  stores: Stores,
  input: { period: string; requiredTags: string[]; top: number },
  labels: FieldLabels<'period' | 'requiredTags'> = {},
) {
  const period = parsePeriod(input.period, labelOf(labels, 'period'));
  if (input.requiredTags.length === 0 || input.requiredTags.some((tag) => tag.trim() === '')) {
    throw new TollgateError(
      'QUALITY_BAD_TAGS',
      `${labelOf(labels, 'requiredTags')} needs tag keys, e.g. team, service, environment.`,
      'usage',
    );
  }
  const { index } = await requireCurrentCatalog(stores);
  const inputs = await stores.allocation.runs.periodInputs(period);
  if (inputs.lineCount === 0) {
    throw new TollgateError(
      'ALLOC_NO_DATA',
      `There are no cost lines in billing period ${period}; ingest first or check the period.`,
      'conflict',
    );
  }
  const figures = await stores.allocation.reports.qualityFigures({
    period,
    requiredTags: input.requiredTags,
    knownValues: {
      team: [...index.teams.keys()],
      service: [...index.services.keys()],
      'cost-centre': [...index.costCentres.keys()],
    },
    top: input.top,
  });
  const totalOf = (currency: string) =>
    figures.totals.find((total) => total.currency === currency)?.effectiveCost ?? '0';
  const run = await stores.allocation.runs.currentRun(period);
  return {
    period,
    metric: 'effective' as const,
    lineCount: inputs.lineCount,
    totals: figures.totals,
    tagCoverage: figures.tagCoverage.map((row) => ({
      ...row,
      total: totalOf(row.currency),
      percent: share(row.taggedCost, totalOf(row.currency)),
    })),
    unallocated: run
      ? run.totals.map((total) => {
          const percent = share(total.unallocated.effectiveCost, total.ingested.effectiveCost);
          return {
            currency: total.currency,
            unallocatedCost: total.unallocated.effectiveCost,
            total: total.ingested.effectiveCost,
            percent,
            goalPercent: UNALLOCATED_GOAL_PERCENT,
            withinGoal: percent === 'n/a' ? null : new Decimal(percent).lessThan(UNALLOCATED_GOAL_PERCENT),
          };
        })
      : null,
    allocationRun: run ? { id: run.id, ruleSetVersion: run.ruleSetVersion } : null,
    unknownTagValues: figures.unknownTagValues,
    /** Null until the period is allocated: the environment is placed by the allocation. */
    unplacedEnvironmentTags: run ? await findUnplacedEnvironmentTags(stores, period, input.top) : null,
    untaggedResources: figures.untaggedResources,
  };
}

/**
 * The report as a reader without detail rights sees it: untagged resources have no known owner,
 * so they count as everyone's, and their ids are masked as /costs masks them.
 */
export function maskUntaggedResources<T extends { untaggedResources: { resourceId: string | null }[] }>(
  report: T,
): T {
  return {
    ...report,
    untaggedResources: report.untaggedResources.map((row) => ({
      ...row,
      resourceId: maskIdentifier(row.resourceId),
    })),
  };
}
