import {
  type CostQuery,
  type Dimension,
  isOwnerDimension,
  usesAllocatedLines,
} from '../../core/costs/cost-query.js';

/** Cost line dimensions every rollup keeps (besides the day or month of ChargePeriodStart). */
export const ROLLUP_DIMENSION_COLUMNS = [
  'sub_account_id',
  'service_name',
  'service_category',
  'region_id',
  'charge_category',
  'pricing_category',
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
 * DuckDB SELECT that rolls staged lines up at one grain, in COST_ROLLUP_COLUMNS order, for the
 * cost store to COPY next to the lines (DuckDB aggregates the file it has just read far faster
 * than PostgreSQL would re-read the rows).
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

/** Rollups that hold allocated shares (rebuilt per period by each allocation run). */
export const ALLOCATED_ROLLUPS = ['allocated_rollup_daily', 'allocated_rollup_monthly'] as const;

/** Every rollup holding a load's lines or their shares (a delete of lines clears them all). */
export const LOAD_ROLLUPS = ['cost_rollup_daily', 'cost_rollup_monthly', ...ALLOCATED_ROLLUPS] as const;

/**
 * PostgreSQL statement that rolls a run's allocated rows (joined to their cost lines in
 * `joined`, see PgAllocationStore) up at one grain.
 */
export function allocatedRollupInsert(joined: string, grain: 'day' | 'month'): string {
  return `INSERT INTO allocated_rollup_${grain === 'day' ? 'daily' : 'monthly'}
SELECT period, load_id, billing_account_id, provider_name, billing_period_start,
  date_trunc('${grain}', charge_period_start), ${ROLLUP_DIMENSION_COLUMNS.join(', ')},
  billing_currency, team, service, cost_centre, business_unit, environment,
  count(*), sum(billed_cost), sum(effective_cost), sum(list_cost), sum(contracted_cost)
FROM ${joined}
GROUP BY ${Array.from({ length: 18 }, (_, index) => index + 1).join(', ')}`;
}

/**
 * Rebuilds (inserts) both allocated rollups of one period from allocated_lines joined to their
 * cost lines, in one statement; takes $period, $start and $end (periodBounds). For copies of
 * a whole database (tollgate copy): an allocation run writes its rollups from the run's rows.
 */
export const ALLOCATED_ROLLUP_INSERT = `WITH joined AS (
  SELECT a.period, a.load_id, c.billing_account_id, c.provider_name, c.billing_period_start, c.charge_period_start,
    ${ROLLUP_DIMENSION_COLUMNS.map((column) => `c.${column}`).join(', ')}, c.billing_currency, a.team, a.service,
    a.cost_centre, a.business_unit, a.environment, a.billed_cost, a.effective_cost, c.list_cost, c.contracted_cost
  FROM allocated_lines a
  JOIN cost_lines c ON c.billing_account_id = a.billing_account_id AND c.load_id = a.load_id
    AND c.source_file = a.source_file AND c.source_row = a.source_row
  WHERE a.period = $period
    AND c.billing_period_start >= CAST($start AS TIMESTAMP) AND c.billing_period_start < CAST($end AS TIMESTAMP)
), daily AS (
  ${allocatedRollupInsert('joined', 'day')}
)
${allocatedRollupInsert('joined', 'month')}`;
