import type { ColumnDimension, CostQuery, Dimension } from '../../../core/costs/cost-query.js';
import type { ChargeClass, ChargeDayCost, ChargeSeriesQuery } from '../../../ports/forecast-store.js';
import { buildCostQuerySql } from '../costs/cost-query-sql.js';
import { chooseCostRelation } from '../costs/cost-rollups.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

/** The charge class of a line, as the forecast store's three passes split them. */
const CHARGE_CLASS = `CASE WHEN charge_frequency = 'Recurring' THEN 'recurring'
  WHEN charge_frequency = 'One-Time' THEN 'one-time' ELSE 'usage' END`;
const CLASS_ORDER: ChargeClass[] = ['usage', 'recurring', 'one-time'];

/** Text columns a daily-charges query can borrow to carry the charge class (one it does not use). */
const CARRIERS: { dimension: ColumnDimension; column: string }[] = [
  { dimension: 'pricing-category', column: 'pricing_category' },
  { dimension: 'charge-category', column: 'charge_category' },
  { dimension: 'service-category', column: 'service_category' },
];

/**
 * The rows of `ForecastStore.dailyCharges` in one pass instead of one per charge class, or
 * undefined where one pass cannot be had:
 * 1. Pick a carrier: a text column the query neither filters nor groups by (none: no pass).
 * 2. Read the smallest relation that answers exactly (a daily rollup, which keeps each
 *    line's charge_frequency, else the lines; `readableRelation` is the engine's way to a
 *    rollup it keeps up to date) through a projection where the carrier holds the charge
 *    class (`dialect.replaceColumn`, DuckDB's SELECT * REPLACE; PostgreSQL has none: no pass).
 * 3. Group the shared cost query by the carrier as well, and sort by day, then class.
 */
export async function scanDailyChargesOnce(
  db: SqlDatabase,
  dialect: SqlDialect,
  query: ChargeSeriesQuery,
  readableRelation: (relation: string) => Promise<string>,
): Promise<ChargeDayCost[] | undefined> {
  const groupBy: Dimension[] = query.groupBy ? ['day', query.groupBy] : ['day'];
  const used = new Set<string>([...groupBy, ...query.filters.map((filter) => filter.dimension)]);
  const carrier = CARRIERS.find((candidate) => !used.has(candidate.dimension));
  if (!carrier) return undefined;
  const costQuery: CostQuery = {
    from: query.from,
    to: query.to,
    filters: query.filters,
    metric: query.metric,
    groupBy: [...groupBy, carrier.dimension],
  };
  if (dialect.replaceColumn('cost_lines', carrier.column, CHARGE_CLASS) === null) return undefined;
  const base = await readableRelation(chooseCostRelation(costQuery));
  const lines = dialect.replaceColumn(base, carrier.column, CHARGE_CLASS)!;
  const built = buildCostQuerySql(costQuery, dialect, `${lines} AS scoped_lines`);
  const rows = await db.all<Record<string, string | null>>(built.sql, built.params);
  const classAlias = built.aliases[groupBy.length]!;
  return rows
    .map((row) => ({
      day: row[built.aliases[0]!] as string,
      charge: row[classAlias] as ChargeClass,
      group: query.groupBy ? (row[built.aliases[1]!] ?? null) : null,
      currency: row.currency as string,
      cost: row.cost as string,
    }))
    .sort(
      (a, b) => a.day.localeCompare(b.day) || CLASS_ORDER.indexOf(a.charge) - CLASS_ORDER.indexOf(b.charge),
    );
}
