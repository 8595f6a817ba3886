import type { ReleaseTagCost } from '../../core/governance/release-cloud-cost.js';
import { trimMoney } from './sql-columns.js';

export interface ReleaseTagRow extends Record<string, unknown> {
  currency: string;
  release: string | null;
  version: string | null;
  total: string;
}

/** Grouped tagged-cost rows, as both engines' stores read them, to the port's shape. */
export function toReleaseTagCosts(rows: ReleaseTagRow[]): ReleaseTagCost[] {
  return rows.map((row) => ({
    currency: row.currency,
    release: row.release,
    version: row.version,
    effectiveCost: trimMoney(row.total),
  }));
}
