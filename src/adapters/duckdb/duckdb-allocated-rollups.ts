import {
  ALLOCATED_ROLLUPS,
  allocatedMonthlyFromDailyInsert,
  allocatedRollupInsert,
  ROLLUP_DIMENSION_COLUMNS,
} from '../sql/cost-rollups.js';
import type { DuckDbDatabase } from './duckdb-database.js';

/**
 * The period's allocated rows next to their cost line's dimensions, as allocatedRollupInsert
 * reads them; amounts as the allocated_cost_lines view gives them (the shares' billed and
 * effective cost, the cost line's list and contracted cost). The period's cost lines are
 * found by their billing period, which lets DuckDB skip the other months' row groups.
 */
const PERIOD_ROWS_JOINED = `(
  SELECT a.period, a.load_id, c.billing_account_id, c.provider_name, c.billing_period_start, c.charge_period_start,
    ${ROLLUP_DIMENSION_COLUMNS.map((column) => `c.${column}`).join(', ')}, c.billing_currency, a.team, a.service,
    a.cost_centre, a.business_unit, a.environment, a.billed_cost, a.effective_cost, c.list_cost, c.contracted_cost
  FROM allocated_lines a
  JOIN cost_lines c ON c.load_id = a.load_id AND c.source_file = a.source_file AND c.source_row = a.source_row
  WHERE a.period = $period
    AND c.billing_period_start >= CAST($start AS TIMESTAMP) AND c.billing_period_start < CAST($end AS TIMESTAMP)
) joined`;

/** Removes one period's allocated rollups (its allocation is deleted or about to be rebuilt). */
export async function deleteAllocatedRollups(db: DuckDbDatabase, period: string): Promise<void> {
  for (const rollup of ALLOCATED_ROLLUPS) {
    await db.run(`DELETE FROM ${rollup} WHERE period = $period`, { period });
  }
}

/**
 * Rebuilds one period's allocated rollups after its run wrote allocated_lines, in the run's
 * transaction: the daily rollup from the period's rows (the run's, as the period's earlier
 * rows were deleted before it) in one grouped INSERT ... SELECT over their join to the cost
 * lines, then the monthly one from the daily rows, which are several times fewer.
 */
export async function rebuildAllocatedRollups(
  db: DuckDbDatabase,
  period: string,
  bounds: { start: string; end: string },
): Promise<void> {
  await deleteAllocatedRollups(db, period);
  await db.run(allocatedRollupInsert(PERIOD_ROWS_JOINED, 'day'), { period, ...bounds });
  await db.run(allocatedMonthlyFromDailyInsert(), { period });
}
