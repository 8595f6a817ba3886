import { parsePeriod } from '../../core/allocation/billing-period.js';
import { compileRuleSet } from '../../core/allocation/compile-rule-set.js';
import type { RuleSetCheck } from '../../core/allocation/parse-rule-set.js';
import type { RuleSet } from '../../core/allocation/rule-set-model.js';
import type { EmptySplit } from '../../core/allocation/split-weights.js';
import type { CatalogIndex } from '../../core/catalog/catalog-index.js';
import { UNALLOCATED } from '../../core/catalog/catalog-model.js';
import { TollgateError } from '../../core/errors.js';
import { type FieldLabels, labelOf } from '../../core/field-labels.js';
import { Decimal } from '../../core/money.js';
import type { OwnerDimension, OwnerSourceTotal } from '../../ports/allocation-run-store.js';
import type { Stores } from '../../ports/stores.js';
import { requireCurrentCatalog } from './manage-catalog.js';
import { requireValidRules } from './manage-rules.js';
import { measureOwnerSources } from './owner-sources.js';

export interface OwnerMove {
  owner: string | null;
  currency: string;
  before: string;
  after: string;
  change: string;
}

export interface RulesPreview {
  period: string;
  dimension: OwnerDimension;
  /** The rule set version the candidate is compared with (null: none applies yet, all unallocated). */
  currentVersion: number | null;
  moves: OwnerMove[];
  unallocated: {
    currency: string;
    total: string;
    before: string;
    after: string;
    beforeShare: string;
    afterShare: string;
  }[];
  emptySplits: EmptySplit[];
  /**
   * With the candidate, each owner's cost (of `dimension`) split by how it was assigned: by a
   * shared-cost rule, by a mapping rule, or unallocated, each with its rule; per currency the
   * parts add up to the period's ingested totals exactly.
   */
  sources: OwnerSourceTotal[];
  warnings: string[];
}

/**
 * Impact analysis before applying: allocates the period twice in scratch tables — with the
 * rule set in effect and with the candidate — and reports, per owner and currency, how much
 * effective cost moves, and the new unallocated share. Nothing is stored.
 */
export async function previewRules(
  stores: Stores,
  path: string,
  periodText: string,
  dimension: OwnerDimension = 'team',
  labels: FieldLabels<'period'> = {},
): Promise<RulesPreview> {
  const period = parsePeriod(periodText, labelOf(labels, 'period'));
  return previewRuleSet(stores, await requireValidRules(stores, path), period, dimension);
}

/** The preview of a rule set already read and checked (from a file, or from a request's text). */
export async function previewRuleSet(
  stores: Stores,
  candidate: { ruleSet: RuleSet; warnings: RuleSetCheck['warnings'] },
  periodText: string,
  dimension: OwnerDimension = 'team',
  labels: FieldLabels<'period'> = {},
): Promise<RulesPreview> {
  const period = parsePeriod(periodText, labelOf(labels, 'period'));
  const { index } = await requireCurrentCatalog(stores);
  const inputs = await stores.allocation.runs.periodInputs(period);
  if (inputs.lineCount === 0) {
    throw new TollgateError(
      'ALLOC_NO_DATA',
      `There are no cost lines in billing period ${period} to preview against; ingest first or pick another period.`,
      'conflict',
    );
  }
  const current = await stores.allocation.rules.effectiveRuleSet(period);
  const drivers = await stores.allocation.drivers.driversFor(period);
  const totalsWith = async (ruleSet: RuleSet | undefined, catalog: CatalogIndex) =>
    stores.transaction(async () => {
      const compiled = compileRuleSet(ruleSet ?? { tagKeys: 'exact', mapping: [], shared: [] }, catalog);
      const result = await stores.allocation.runs.computeAllocation({
        runId: 0,
        period,
        rules: compiled,
        drivers,
        table: 'allocation_preview',
      });
      const owners = await stores.allocation.runs.ownerTotals(period, 'allocation_preview', dimension);
      const [sources] = await measureOwnerSources(stores, period, 'allocation_preview', inputs.totals, [
        dimension,
      ]);
      await stores.allocation.runs.resetPreview();
      return { owners, sources: sources!.totals, emptySplits: result.emptySplits };
    });
  const before = await totalsWith(current?.ruleSet, index);
  const after = await totalsWith(candidate.ruleSet, index);

  const key = (owner: string | null, currency: string) => JSON.stringify([owner, currency]);
  const merged = new Map<string, OwnerMove>();
  for (const [side, rows] of [
    ['before', before.owners],
    ['after', after.owners],
  ] as const) {
    for (const row of rows) {
      const entry = merged.get(key(row.owner, row.currency)) ?? {
        owner: row.owner,
        currency: row.currency,
        before: '0',
        after: '0',
        change: '0',
      };
      entry[side] = row.effectiveCost;
      merged.set(key(row.owner, row.currency), entry);
    }
  }
  const moves = [...merged.values()]
    .map((move) => ({ ...move, change: new Decimal(move.after).minus(move.before).toString() }))
    .filter((move) => !new Decimal(move.change).isZero())
    .sort(
      (a, b) =>
        a.currency.localeCompare(b.currency) ||
        new Decimal(b.change).abs().comparedTo(new Decimal(a.change).abs()),
    );
  const unallocated = inputs.totals.map((total) => {
    const of = (rows: typeof before.owners) =>
      rows.find((row) => row.owner === UNALLOCATED && row.currency === total.currency)?.effectiveCost ?? '0';
    return {
      currency: total.currency,
      total: total.effectiveCost,
      before: of(before.owners),
      after: of(after.owners),
      beforeShare: share(of(before.owners), total.effectiveCost),
      afterShare: share(of(after.owners), total.effectiveCost),
    };
  });
  return {
    period,
    dimension,
    currentVersion: current?.version ?? null,
    moves,
    unallocated,
    emptySplits: after.emptySplits,
    sources: after.sources,
    warnings: candidate.warnings.map((warning) => `${warning.file}:${warning.line}: ${warning.message}`),
  };
}

/** part / whole as a percentage with two decimals ('n/a' when the whole is zero). */
export function share(part: string, whole: string): string {
  const total = new Decimal(whole);
  if (total.isZero()) return 'n/a';
  return new Decimal(part).dividedBy(total).times(100).toFixed(2);
}
