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
  if (allocated) return 'allocated_rollup_daily';
  const monthly =
    !query.groupBy.includes('day') &&
    !query.groupBy.includes('week') &&
    [query.from, query.to].every((bound) => bound === undefined || bound.endsWith('-01'));
  return monthly ? 'cost_rollup_monthly' : 'cost_rollup_daily';
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

/** PostgreSQL statement that rolls a period's allocated lines up with their cost lines' dimensions. */
export const ALLOCATED_ROLLUP_INSERT = `INSERT INTO allocated_rollup_daily
SELECT a.period, a.load_id, c.billing_account_id, c.provider_name, c.billing_period_start,
  date_trunc('day', c.charge_period_start), ${ROLLUP_DIMENSION_COLUMNS.map((column) => `c.${column}`).join(', ')},
  c.billing_currency, a.team, a.service, a.cost_centre, a.business_unit, a.environment,
  count(*), sum(a.billed_cost), sum(a.effective_cost), sum(c.list_cost), sum(c.contracted_cost)
FROM allocated_lines a
JOIN cost_lines c ON c.load_id = a.load_id AND c.source_file = a.source_file AND c.source_row = a.source_row
WHERE a.period = $period
  AND c.billing_period_start >= CAST($start AS TIMESTAMP) AND c.billing_period_start < CAST($end AS TIMESTAMP)
GROUP BY ${Array.from({ length: 18 }, (_, index) => index + 1).join(', ')}`;
