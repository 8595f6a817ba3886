import { parsePeriodRange } from '../../core/allocation/billing-period.js';
import { compileRuleSet } from '../../core/allocation/compile-rule-set.js';
import { findMissingOwners } from '../../core/allocation/find-missing-owners.js';
import type { RuleSet } from '../../core/allocation/rule-set-model.js';
import type { EmptySplit } from '../../core/allocation/split-weights.js';
import type { CatalogIndex } from '../../core/catalog/catalog-index.js';
import { TollgateError } from '../../core/errors.js';
import { type FieldLabels, labelOf } from '../../core/field-labels.js';
import { Decimal } from '../../core/money.js';
import type {
  AllocationRun,
  AllocationTable,
  CurrencyTotals,
  KindTotals,
  PeriodInputs,
} from '../../ports/allocation-run-store.js';
import type { RuleSetVersion } from '../../ports/allocation-stores.js';
import type { Stores } from '../../ports/stores.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';
import { requireCurrentCatalog } from './manage-catalog.js';
import { measureOwnerSources } from './owner-sources.js';

export interface AllocateSummary {
  runs: AllocationRun[];
  /** Periods of the range without any cost line, left alone. */
  skipped: string[];
  /** Runs these replaced (re-running a period replaces it). */
  replacedRunIds: number[];
}

/**
 * Allocates one period or a range, all in one transaction (nothing half-applied):
 * 1. Refuse closed periods, a missing catalogue or rule set, rules naming owners the
 *    catalogue no longer has, and a period with no cost lines.
 * 2. Per period: delete its allocated lines, run the effective rule set version in the store,
 *    check conservation per currency (allocated + unallocated = ingested, exactly, both
 *    metrics), and record the run with its inputs (rule set and catalogue versions, loads).
 */
export async function allocatePeriods(
  stores: Stores,
  periodText: string,
  by: Actor,
  labels: FieldLabels<'period'> = {},
): Promise<AllocateSummary> {
  const actor = by.name;
  const periods = parsePeriodRange(periodText, labelOf(labels, 'period'));
  const { version: catalog, index } = await requireCurrentCatalog(stores);
  const closed: string[] = [];
  for (const period of periods)
    if (await stores.allocation.periods.getClosedPeriod(period)) closed.push(period);
  if (closed.length > 0) {
    throw new TollgateError(
      'ALLOC_PERIOD_CLOSED',
      `${closed.join(', ')} ${closed.length === 1 ? 'is' : 'are'} closed and frozen; nothing was allocated. Reopen ${closed[0]} (audited) if it must change.`,
      'conflict',
    );
  }
  const plans: { period: string; inputs: PeriodInputs; rules: RuleSetVersion }[] = [];
  const skipped: string[] = [];
  for (const period of periods) {
    const inputs = await stores.allocation.runs.periodInputs(period);
    if (inputs.lineCount === 0) {
      skipped.push(period);
      continue;
    }
    const rules = await stores.allocation.rules.effectiveRuleSet(period);
    if (!rules) {
      throw new TollgateError(
        'RULES_MISSING',
        `No rule set applies to ${period}; apply one that takes effect at or before ${period}.`,
        'conflict',
      );
    }
    requireKnownOwners(rules.ruleSet, index, `rule set v${rules.version}`, catalog.version);
    plans.push({ period, inputs, rules });
  }
  if (plans.length === 0) {
    throw new TollgateError(
      'ALLOC_NO_DATA',
      `There are no cost lines in ${periods.length === 1 ? `billing period ${periods[0]}` : `${periods[0]}..${periods.at(-1)}`}; ingest the billing files first or check the period.`,
      'conflict',
    );
  }
  return stores.transaction(async () => {
    const runs: AllocationRun[] = [];
    const replacedRunIds: number[] = [];
    for (const plan of plans) {
      const previous = await stores.allocation.runs.currentRun(plan.period);
      if (previous) replacedRunIds.push(previous.id);
      await stores.allocation.runs.deletePeriodAllocation(plan.period);
      await stores.allocation.runs.markRunsReplaced(plan.period);
      const runId = await stores.allocation.runs.nextRunId();
      const compiled = compileRuleSet(plan.rules.ruleSet, index);
      const { emptySplits } = await stores.allocation.runs.computeAllocation({
        runId,
        period: plan.period,
        rules: compiled,
        drivers: await stores.allocation.drivers.driversFor(plan.period),
        table: 'allocated_lines',
      });
      const kinds = await stores.allocation.runs.kindTotals(plan.period, 'allocated_lines');
      const run: AllocationRun = {
        id: runId,
        period: plan.period,
        startedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        runBy: actor,
        status: 'current',
        ruleSetVersion: plan.rules.version,
        catalogVersion: catalog.version,
        loadIds: plan.inputs.loadIds,
        lineCount: plan.inputs.lineCount,
        totals: reconcile(plan.period, plan.inputs.totals, kinds),
        emptySplits,
        ownerSources: await measureOwnerSources(stores, plan.period, 'allocated_lines', plan.inputs.totals),
      };
      await stores.allocation.runs.insertRun(run);
      await stores.allocation.audit.record({
        actor,
        action: 'allocate',
        subject: plan.period,
        detail: {
          runId,
          ruleSetVersion: run.ruleSetVersion,
          catalogVersion: run.catalogVersion,
          loadIds: run.loadIds,
        },
      });
      runs.push(run);
    }
    await recordAudit(stores, by, {
      action: 'allocation.run',
      target: `periods:${periodText}`,
      after: { runs: runs.length, replacedRunIds, skipped },
    });
    return { runs, skipped, replacedRunIds };
  });
}

export function requireKnownOwners(
  ruleSet: RuleSet,
  index: CatalogIndex,
  what: string,
  catalogVersion: number,
) {
  const missing = findMissingOwners(ruleSet, index);
  if (missing.length > 0) {
    throw new TollgateError(
      'RULES_STALE',
      `${what} names owners that catalogue v${catalogVersion} no longer has: ${missing.join(', ')}. Apply a corrected rule set or catalogue; nothing was allocated.`,
      'conflict',
    );
  }
}

/**
 * Totals per currency, and the conservation check: allocated + unallocated must equal what was
 * ingested, to the last decimal, for both metrics. A difference is a defect, never rounding:
 * the run is rolled back.
 */
export function reconcile(
  period: string,
  ingested: CurrencyTotals[],
  kinds: KindTotals[],
): AllocationRun['totals'] {
  return ingested.map((total) => {
    const sum = (filter: (kind: KindTotals) => boolean, metric: 'billedCost' | 'effectiveCost') =>
      kinds
        .filter((kind) => kind.currency === total.currency && filter(kind))
        .reduce((acc, kind) => acc.plus(kind[metric]), new Decimal(0));
    const allocated = (metric: 'billedCost' | 'effectiveCost') =>
      sum((kind) => kind.kind !== 'unallocated', metric);
    const unallocated = (metric: 'billedCost' | 'effectiveCost') =>
      sum((kind) => kind.kind === 'unallocated', metric);
    for (const metric of ['billedCost', 'effectiveCost'] as const) {
      if (!allocated(metric).plus(unallocated(metric)).equals(total[metric])) {
        throw new TollgateError(
          'ALLOC_CONSERVATION_BROKEN',
          `Allocation of ${period} (${total.currency}, ${metric}) does not add up to the ingested ${total[metric]}; the run was rolled back. Please report this defect.`,
          'internal',
        );
      }
    }
    return {
      currency: total.currency,
      ingested: total,
      allocated: {
        currency: total.currency,
        billedCost: allocated('billedCost').toString(),
        effectiveCost: allocated('effectiveCost').toString(),
      },
      unallocated: {
        currency: total.currency,
        billedCost: unallocated('billedCost').toString(),
        effectiveCost: unallocated('effectiveCost').toString(),
      },
    };
  });
}

export type { AllocationTable, EmptySplit };
