import { TollgateError } from '../../core/errors.js';
import { Decimal } from '../../core/money.js';
import type {
  AllocationTable,
  CurrencyTotals,
  OwnerDimension,
  OwnerSourceTotals,
} from '../../ports/allocation-run-store.js';
import type { Stores } from '../../ports/stores.js';

/** Every owner dimension a run keeps its owners' sources for. */
export const OWNER_DIMENSIONS: readonly OwnerDimension[] = [
  'team',
  'service',
  'cost_centre',
  'business_unit',
  'environment',
];

/**
 * Conservation of the split: per currency, every owner's parts (by rule, by mapping,
 * unallocated) add up to the ingested total, to the last decimal, for both metrics. A
 * difference is a defect, never rounding: the caller's transaction is rolled back.
 */
export function requireSourcesConserve(
  period: string,
  ingested: readonly CurrencyTotals[],
  sources: OwnerSourceTotals,
): void {
  const currencies = new Set([...ingested.map((t) => t.currency), ...sources.totals.map((t) => t.currency)]);
  for (const currency of currencies) {
    const total = ingested.find((t) => t.currency === currency);
    for (const metric of ['billedCost', 'effectiveCost'] as const) {
      const sum = sources.totals
        .filter((t) => t.currency === currency)
        .reduce((acc, t) => acc.plus(t[metric]), new Decimal(0));
      if (!sum.equals(total?.[metric] ?? '0')) {
        throw new TollgateError(
          'ALLOC_CONSERVATION_BROKEN',
          `The ${sources.dimension} owners of ${period} (${currency}, ${metric}) by rule, mapping and unallocated add up to ${sum.toString()}, not the ingested ${total?.[metric] ?? '0'}; nothing was kept. Please report this defect.`,
          'internal',
        );
      }
    }
  }
}

/** Each owner dimension's totals split by how they were assigned, checked against the ingested totals. */
export async function measureOwnerSources(
  stores: Stores,
  period: string,
  table: AllocationTable,
  ingested: readonly CurrencyTotals[],
  dimensions: readonly OwnerDimension[] = OWNER_DIMENSIONS,
): Promise<OwnerSourceTotals[]> {
  const measured: OwnerSourceTotals[] = [];
  for (const dimension of dimensions) {
    const sources = {
      dimension,
      totals: await stores.allocation.runs.ownerSourceTotals(period, table, dimension),
    };
    requireSourcesConserve(period, ingested, sources);
    measured.push(sources);
  }
  return measured;
}
