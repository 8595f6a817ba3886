-- Every rollup keeps the lines' charge_frequency (src/adapters/sql/costs/cost-rollups.ts,
-- ROLLUP_DIMENSION_COLUMNS): the forecast's and budget status's daily charges split usage,
-- recurring and one-time charges, and read the lines of a whole half year for it (2.4 s of a
-- 3 s budget status on the million-line demo) where the rollups now answer exactly.
-- Rows written before this have no charge frequency, so each rollup is built again.
ALTER TABLE cost_rollup_daily ADD COLUMN IF NOT EXISTS charge_frequency VARCHAR;
ALTER TABLE cost_rollup_monthly ADD COLUMN IF NOT EXISTS charge_frequency VARCHAR;
ALTER TABLE allocated_rollup_daily ADD COLUMN IF NOT EXISTS charge_frequency VARCHAR;
ALTER TABLE allocated_rollup_monthly ADD COLUMN IF NOT EXISTS charge_frequency VARCHAR;

DELETE FROM cost_rollup_daily;
INSERT INTO cost_rollup_daily (load_id, billing_account_id, provider_name, billing_period_start, charge_period_start, sub_account_id, service_name, service_category, region_id, charge_category, pricing_category, charge_frequency, billing_currency, line_count, billed_cost, effective_cost, list_cost, contracted_cost)
SELECT load_id, billing_account_id, provider_name, billing_period_start, CAST(date_trunc('day', charge_period_start) AS TIMESTAMP), sub_account_id, service_name, service_category, region_id, charge_category, pricing_category, charge_frequency, billing_currency, count(*), sum(billed_cost), sum(effective_cost), sum(list_cost), sum(contracted_cost)
FROM cost_lines
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13;

DELETE FROM cost_rollup_monthly;
INSERT INTO cost_rollup_monthly (load_id, billing_account_id, provider_name, billing_period_start, charge_period_start, sub_account_id, service_name, service_category, region_id, charge_category, pricing_category, charge_frequency, billing_currency, line_count, billed_cost, effective_cost, list_cost, contracted_cost)
SELECT load_id, billing_account_id, provider_name, billing_period_start, CAST(date_trunc('month', charge_period_start) AS TIMESTAMP), sub_account_id, service_name, service_category, region_id, charge_category, pricing_category, charge_frequency, billing_currency, count(*), sum(billed_cost), sum(effective_cost), sum(list_cost), sum(contracted_cost)
FROM cost_lines
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13;

-- The embedded allocated rollups are built on the first read after this (duckdb-allocated-rollups.ts).
DELETE FROM allocated_rollup_daily;
DELETE FROM allocated_rollup_monthly;
DELETE FROM allocated_rollup_runs;
