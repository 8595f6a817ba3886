import type { CostRow } from '../../core/costs/cost-query.js';
import { formatMoney } from '../../core/money.js';

/** The groups past a top N, summed per currency: said apart from the ranked rows, never ranked. */
export interface CostRemainder {
  currency: string;
  cost: string;
}

/**
 * Splits a report's rows into the ranked groups and the remainder rows keepTopGroups marked, as
 * `costs --json` and GET /api/v1/costs give them: `rows` are real groups only (a service really
 * named "other" among them), `remainder` the rest per currency; together they are the total.
 */
export function splitCostRemainder(rows: readonly CostRow[]): {
  ranked: CostRow[];
  remainder: CostRemainder[];
} {
  return {
    ranked: rows.filter((row) => row.isRemainder !== true),
    remainder: rows
      .filter((row) => row.isRemainder === true)
      .map((row) => ({ currency: row.currency, cost: formatMoney(row.cost) })),
  };
}
