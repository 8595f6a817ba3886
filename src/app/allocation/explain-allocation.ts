import { parsePeriod } from '../../core/allocation/billing-period.js';
import { TollgateError } from '../../core/errors.js';
import { type FieldLabels, labelOf } from '../../core/field-labels.js';
import type { OwnerDimension } from '../../ports/allocation-run-store.js';
import type { Stores } from '../../ports/stores.js';

/**
 * Traces a number back: for one owner and period, the rules that put cost on it (with method
 * and driver), and the largest lines behind it, each with its source file and row.
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
  const rules = await stores.allocation.reports.amountsByRule(period, input.dimension, input.owner);
  if (rules.length === 0) {
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
  return { period, dimension: input.dimension, owner: input.owner, run, rules, lines };
}
