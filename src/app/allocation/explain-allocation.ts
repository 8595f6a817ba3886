import { parsePeriod } from '../../core/allocation/billing-period.js';
import { TollgateError } from '../../core/errors.js';
import { type FieldLabels, labelOf } from '../../core/field-labels.js';
import type { OwnerDimension } from '../../ports/allocation-run-store.js';
import type { Stores } from '../../ports/stores.js';

/**
 * Traces a number back: for one owner and period, the rules that put cost on it (with method
 * and driver), and the largest lines behind it, each with its source file and row. For an
 * environment, each rule's row also says where the environment came from: `rule` when the
 * mapping rule (in the run's rule set version) sets it, else `tag` (the line's env/environment
 * tag, resolved to a catalogue environment when the period was allocated).
 */
export async function explainAllocation(
  stores: Stores,
  input: { dimension: OwnerDimension; owner: string; period: string; limit: number },
  labels: FieldLabels<'period'> = {},
) {
  const period = parsePeriod(input.period, labelOf(labels, 'period'));
  const run = await stores.allocation.runs.currentRun(period);
  if (!run) {
    throw new TollgateError(
      'ALLOC_NOT_RUN',
      `${period} has not been allocated yet; run the allocation for ${period} first.`,
      'conflict',
    );
  }
  const amounts = await stores.allocation.reports.amountsByRule(period, input.dimension, input.owner);
  if (amounts.length === 0) {
    throw new TollgateError(
      'ALLOC_OWNER_HAS_NO_COST',
      `No cost is allocated to ${input.dimension.replace('_', ' ')} '${input.owner}' in ${period}; check the id (costs by ${input.dimension.replace('_', '-')} list the owners).`,
      'not-found',
    );
  }
  const lines = await stores.allocation.reports.largestLines(
    period,
    input.dimension,
    input.owner,
    input.limit,
  );
  const ruleSet =
    input.dimension === 'environment'
      ? (await stores.allocation.rules.getRuleSetVersion(run.ruleSetVersion))?.ruleSet
      : undefined;
  const settingRules = new Set(
    (ruleSet?.mapping ?? []).filter((rule) => rule.set.environment !== undefined).map((rule) => rule.id),
  );
  const rules = amounts.map((amount) => ({
    ...amount,
    environmentFrom:
      input.dimension !== 'environment'
        ? null
        : amount.kind === 'direct' && amount.ruleId !== null && settingRules.has(amount.ruleId)
          ? ('rule' as const)
          : ('tag' as const),
  }));
  return { period, dimension: input.dimension, owner: input.owner, run, rules, lines };
}
