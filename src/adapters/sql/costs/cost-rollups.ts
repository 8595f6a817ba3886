import {
  type CostQuery,
  type Dimension,
  isOwnerDimension,
  usesAllocatedLines,
} from '../../../core/costs/cost-query.js';

/**
 * Cost rollups, the same on both engines: tables of exact sums of the cost lines (and of their
 * allocated shares) per day and per month of ChargePeriodStart, with every dimension a cost
 * query can group by but resources and tags. Each engine keeps them in step with every load and
 * delete, in the same transaction, and the allocated ones with every allocation run (PostgreSQL
 * in the run's transaction, DuckDB on the first read after it: duckdb-allocated-rollups.ts);
 * the planner below sends a cost query to the smallest of them that answers it exactly.
 */

/**
 * Cost line dimensions every rollup keeps (besides the day or month of ChargePeriodStart).
 * charge_frequency (migration 077) is no query dimension: it lets the forecast's daily charges
 * (usage, recurring, one-time) be read from the rollups instead of the lines.
 */
export const ROLLUP_DIMENSION_COLUMNS = [
  'sub_account_id',
  'service_name',
  'service_category',
  'region_id',
  'charge_category',
  'pricing_category',
  'charge_frequency',
] as const;

/** Columns of cost_rollup_daily and cost_rollup_monthly, in order. */
export const COST_ROLLUP_COLUMNS = [
  'load_id',
  'billing_account_id',
  'provider_name',
  'billing_period_start',
  'charge_period_start',
  ...ROLLUP_DIMENSION_COLUMNS,
  'billing_currency',
  'line_count',
  'billed_cost',
  'effective_cost',
  'list_cost',
  'contracted_cost',
] as const;

/** Owner columns of the allocated rollups, named as in the allocated_cost_lines view. */
export const ROLLUP_OWNER_COLUMNS = [
  'team',
  'catalog_service',
  'cost_centre',
  'business_unit',
  'environment',
] as const;

/** Columns of allocated_rollup_daily and allocated_rollup_monthly, in order. */
export const ALLOCATED_ROLLUP_COLUMNS = [
  'period',
  'load_id',
  'billing_account_id',
  'provider_name',
  'billing_period_start',
  'charge_period_start',
  ...ROLLUP_DIMENSION_COLUMNS,
  'billing_currency',
  ...ROLLUP_OWNER_COLUMNS,
  'line_count',
  'billed_cost',
  'effective_cost',
  'list_cost',
  'contracted_cost',
] as const;

/** Rollups that hold allocated shares (rebuilt per period by each allocation run). */
export const ALLOCATED_ROLLUPS = ['allocated_rollup_daily', 'allocated_rollup_monthly'] as const;

/** Every rollup holding a load's lines or their shares (a delete of lines clears them all). */
export const LOAD_ROLLUPS = ['cost_rollup_daily', 'cost_rollup_monthly', ...ALLOCATED_ROLLUPS] as const;

const ROLLUP_DIMENSIONS = new Set<Dimension>([
  'provider',
  'billing-account',
  'sub-account',
  'service',
  'service-category',
  'region',
  'charge-category',
  'pricing-category',
  'currency',
  'day',
  'week',
  'month',
]);

/**
 * The smallest relation that answers a cost query exactly. Rollups hold every dimension but
 * resources and tags, at day grain (ChargePeriodStart's day: a query's from/to are whole days,
 * so the day decides which side of a bound a line falls) or month grain (when the query needs
 * no day or week and its bounds are first days of months). Sums of the rollups' exact sums are
 * the sums of the lines, NULL where every line had none, as COALESCE(SUM(...), 0) expects.
 */
export function chooseCostRelation(query: CostQuery): string {
  const allocated = usesAllocatedLines(query);
  const dimensions = [...query.groupBy, ...query.filters.map((filter) => filter.dimension)];
  const fits = dimensions.every(
    (dimension) => ROLLUP_DIMENSIONS.has(dimension) || (allocated && isOwnerDimension(dimension)),
  );
  if (!fits) return allocated ? 'allocated_cost_lines' : 'cost_lines';
  const monthly =
    !query.groupBy.includes('day') &&
    !query.groupBy.includes('week') &&
    [query.from, query.to].every((bound) => bound === undefined || bound.endsWith('-01'));
  const grain = monthly ? 'monthly' : 'daily';
  return allocated ? `allocated_rollup_${grain}` : `cost_rollup_${grain}`;
}

/**
 * DuckDB SELECT that rolls cost lines (staged ones, or cost_lines itself) up at one grain, in
 * COST_ROLLUP_COLUMNS order. Both engines read billing files with DuckDB, which aggregates the
 * lines it has just read far faster than PostgreSQL would re-read the rows.
 */
export function stagedRollupSelect(relation: string, grain: 'day' | 'month'): string {
  const keys = [
    'load_id',
    'billing_account_id',
    'provider_name',
    'billing_period_start',
    `CAST(date_trunc('${grain}', charge_period_start) AS TIMESTAMP) AS charge_period_start`,
    ...ROLLUP_DIMENSION_COLUMNS,
    'billing_currency',
  ];
  return `SELECT ${keys.join(', ')}, count(*) AS line_count, sum(billed_cost) AS billed_cost,
  sum(effective_cost) AS effective_cost, sum(list_cost) AS list_cost, sum(contracted_cost) AS contracted_cost
FROM ${relation} GROUP BY ${keys.map((_, index) => index + 1).join(', ')}`;
}

/**
 * Statement that rolls allocated rows, next to their cost line's dimensions in `joined`
 * (columns: period, load_id, the cost line's billing_account_id, provider_name,
 * billing_period_start, charge_period_start, ROLLUP_DIMENSION_COLUMNS and billing_currency, the
 * row's team, service, cost_centre, business_unit, environment, billed_cost and
 * effective_cost, and the cost line's list_cost and contracted_cost), up at one grain into
 * its allocated rollup. The same text runs on both engines.
 */
export function allocatedRollupInsert(joined: string, grain: 'day' | 'month'): string {
  return `INSERT INTO allocated_rollup_${grain === 'day' ? 'daily' : 'monthly'} (${ALLOCATED_ROLLUP_COLUMNS.join(', ')})
SELECT period, load_id, billing_account_id, provider_name, billing_period_start,
  date_trunc('${grain}', charge_period_start), ${ROLLUP_DIMENSION_COLUMNS.join(', ')},
  billing_currency, team, service, cost_centre, business_unit, environment,
  count(*), sum(billed_cost), sum(effective_cost), sum(list_cost), sum(contracted_cost)
FROM ${joined}
GROUP BY ${Array.from({ length: ALLOCATED_ROLLUP_COLUMNS.indexOf('line_count') }, (_, index) => index + 1).join(', ')}`;
}

/**
 * Statement that rolls one period's daily allocated rollup up by month into
 * allocated_rollup_monthly (takes $period): sums of the exact daily sums, so far fewer rows to
 * read than the allocated lines behind them.
 */
export function allocatedMonthlyFromDailyInsert(): string {
  const keys = ALLOCATED_ROLLUP_COLUMNS.slice(0, ALLOCATED_ROLLUP_COLUMNS.indexOf('line_count')).map(
    (column) => (column === 'charge_period_start' ? `date_trunc('month', charge_period_start)` : column),
  );
  return `INSERT INTO allocated_rollup_monthly (${ALLOCATED_ROLLUP_COLUMNS.join(', ')})
SELECT ${keys.join(', ')}, sum(line_count), sum(billed_cost), sum(effective_cost), sum(list_cost), sum(contracted_cost)
FROM allocated_rollup_daily WHERE period = $period
GROUP BY ${keys.map((_, index) => index + 1).join(', ')}`;
}
