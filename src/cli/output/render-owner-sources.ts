import type { OwnerSource, OwnerSourceTotal } from '../../ports/allocation-run-store.js';
import { formatAmount } from './format-amount.js';
import { renderTable } from './render-table.js';

/** How an owner's part was assigned, as a person reads it. */
export const OWNER_SOURCE_LABELS: Record<OwnerSource, string> = {
  rule: 'shared-cost rule',
  mapping: 'mapping rule',
  unallocated: 'unallocated',
};

/**
 * Each owner's effective cost part by part (how it was assigned and by which rule), so a reader
 * sees how much came by a split and how much straight from a mapping; the parts of a currency
 * add up to its ingested total.
 */
export function renderOwnerSources(dimensionLabel: string, totals: readonly OwnerSourceTotal[]): string {
  return renderTable(
    [dimensionLabel, 'currency', 'assigned by', 'rule', 'effective'],
    totals.map((row) => [
      row.owner ?? '(none)',
      row.currency,
      OWNER_SOURCE_LABELS[row.source],
      row.ruleId ?? '',
      formatAmount(row.effectiveCost),
    ]),
    [4],
  );
}
