import { allocatedRollupInsert, ROLLUP_DIMENSION_COLUMNS } from '../sql/costs/cost-rollups.js';

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
