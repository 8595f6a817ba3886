-- Every rollup keeps the lines' charge_frequency (src/adapters/sql/costs/cost-rollups.ts,
-- ROLLUP_DIMENSION_COLUMNS): the forecast's and budget status's daily charges split usage,
-- recurring and one-time charges, and read the lines of a whole half year for it (2.4 s of a
-- 3 s budget status on the million-line demo) where the rollups now answer exactly.
-- Rows written before this have no charge frequency, so each rollup is built again.
ALTER TABLE cost_rollup_daily ADD COLUMN IF NOT EXISTS charge_frequency TEXT COLLATE "C";
ALTER TABLE cost_rollup_monthly ADD COLUMN IF NOT EXISTS charge_frequency TEXT COLLATE "C";
ALTER TABLE allocated_rollup_daily ADD COLUMN IF NOT EXISTS charge_frequency TEXT COLLATE "C";
ALTER TABLE allocated_rollup_monthly ADD COLUMN IF NOT EXISTS charge_frequency TEXT COLLATE "C";

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

-- Server mode's allocated rollups are written by each allocation run: built again here from
-- the current allocated lines, as tollgate copy builds them.
DELETE FROM allocated_rollup_daily;
INSERT INTO allocated_rollup_daily (period, load_id, billing_account_id, provider_name, billing_period_start, charge_period_start, sub_account_id, service_name, service_category, region_id, charge_category, pricing_category, charge_frequency, billing_currency, team, catalog_service, cost_centre, business_unit, environment, line_count, billed_cost, effective_cost, list_cost, contracted_cost)
SELECT a.period, a.load_id, c.billing_account_id, c.provider_name, c.billing_period_start, CAST(date_trunc('day', c.charge_period_start) AS TIMESTAMP), c.sub_account_id, c.service_name, c.service_category, c.region_id, c.charge_category, c.pricing_category, c.charge_frequency, c.billing_currency, a.team, a.service, a.cost_centre, a.business_unit, a.environment, count(*), sum(a.billed_cost), sum(a.effective_cost), sum(c.list_cost), sum(c.contracted_cost)
FROM allocated_lines a JOIN cost_lines c ON c.billing_account_id = a.billing_account_id AND c.load_id = a.load_id AND c.source_file = a.source_file AND c.source_row = a.source_row
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19;

DELETE FROM allocated_rollup_monthly;
INSERT INTO allocated_rollup_monthly (period, load_id, billing_account_id, provider_name, billing_period_start, charge_period_start, sub_account_id, service_name, service_category, region_id, charge_category, pricing_category, charge_frequency, billing_currency, team, catalog_service, cost_centre, business_unit, environment, line_count, billed_cost, effective_cost, list_cost, contracted_cost)
SELECT a.period, a.load_id, c.billing_account_id, c.provider_name, c.billing_period_start, CAST(date_trunc('month', c.charge_period_start) AS TIMESTAMP), c.sub_account_id, c.service_name, c.service_category, c.region_id, c.charge_category, c.pricing_category, c.charge_frequency, c.billing_currency, a.team, a.service, a.cost_centre, a.business_unit, a.environment, count(*), sum(a.billed_cost), sum(a.effective_cost), sum(c.list_cost), sum(c.contracted_cost)
FROM allocated_lines a JOIN cost_lines c ON c.billing_account_id = a.billing_account_id AND c.load_id = a.load_id AND c.source_file = a.source_file AND c.source_row = a.source_row
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19;
