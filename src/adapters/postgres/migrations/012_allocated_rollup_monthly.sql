-- The allocated rollup by month (charge_period_start is the first instant of the month), for
-- owner cost queries without a day or week over whole months; kept in step with
-- allocated_rollup_daily by each allocation run and by deletes of cost lines.
-- Citus: distributed by billing_account_id, colocated with cost_lines.
CREATE TABLE IF NOT EXISTS allocated_rollup_monthly (LIKE allocated_rollup_daily);
CREATE INDEX IF NOT EXISTS allocated_rollup_monthly_period ON allocated_rollup_monthly (period);
CREATE INDEX IF NOT EXISTS allocated_rollup_monthly_load ON allocated_rollup_monthly (load_id, billing_account_id, provider_name, billing_period_start);
