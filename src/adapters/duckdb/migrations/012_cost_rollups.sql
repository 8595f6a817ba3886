-- Cost rollups (as in server mode): exact sums of the cost lines, and of their allocated
-- shares, per day and per month of ChargePeriodStart with every dimension a cost query can
-- group by but resources and tags. The cost store keeps cost_rollup_* in step with every load
-- and delete, each allocation run rebuilds its period's allocated_rollup_*, in the same
-- transaction; cost queries read the smallest one that answers them exactly
-- (src/adapters/sql/cost-rollups.ts, whose column order these tables follow).
-- charge_period_start is the day (midnight) or the month's first instant, so the shared
-- cost-query SQL runs on them unchanged; amounts are exact sums (NULL when every line had NULL).
CREATE TABLE IF NOT EXISTS cost_rollup_daily (
  load_id BIGINT NOT NULL,
  billing_account_id VARCHAR,
  provider_name VARCHAR,
  billing_period_start TIMESTAMP,
  charge_period_start TIMESTAMP,
  sub_account_id VARCHAR,
  service_name VARCHAR,
  service_category VARCHAR,
  region_id VARCHAR,
  charge_category VARCHAR,
  pricing_category VARCHAR,
  billing_currency VARCHAR,
  line_count BIGINT NOT NULL,
  billed_cost DECIMAL(38,16),
  effective_cost DECIMAL(38,16),
  list_cost DECIMAL(38,16),
  contracted_cost DECIMAL(38,16)
);

CREATE TABLE IF NOT EXISTS cost_rollup_monthly (
  load_id BIGINT NOT NULL,
  billing_account_id VARCHAR,
  provider_name VARCHAR,
  billing_period_start TIMESTAMP,
  charge_period_start TIMESTAMP,
  sub_account_id VARCHAR,
  service_name VARCHAR,
  service_category VARCHAR,
  region_id VARCHAR,
  charge_category VARCHAR,
  pricing_category VARCHAR,
  billing_currency VARCHAR,
  line_count BIGINT NOT NULL,
  billed_cost DECIMAL(38,16),
  effective_cost DECIMAL(38,16),
  list_cost DECIMAL(38,16),
  contracted_cost DECIMAL(38,16)
);

-- Allocated shares with their cost line's dimensions and their owner; list_cost and
-- contracted_cost are the cost line's, as the allocated_cost_lines view gives them.
CREATE TABLE IF NOT EXISTS allocated_rollup_daily (
  period VARCHAR NOT NULL,
  load_id BIGINT NOT NULL,
  billing_account_id VARCHAR,
  provider_name VARCHAR,
  billing_period_start TIMESTAMP,
  charge_period_start TIMESTAMP,
  sub_account_id VARCHAR,
  service_name VARCHAR,
  service_category VARCHAR,
  region_id VARCHAR,
  charge_category VARCHAR,
  pricing_category VARCHAR,
  billing_currency VARCHAR,
  team VARCHAR,
  catalog_service VARCHAR,
  cost_centre VARCHAR,
  business_unit VARCHAR,
  environment VARCHAR,
  line_count BIGINT NOT NULL,
  billed_cost DECIMAL(38,16),
  effective_cost DECIMAL(38,16),
  list_cost DECIMAL(38,16),
  contracted_cost DECIMAL(38,16)
);

CREATE TABLE IF NOT EXISTS allocated_rollup_monthly (
  period VARCHAR NOT NULL,
  load_id BIGINT NOT NULL,
  billing_account_id VARCHAR,
  provider_name VARCHAR,
  billing_period_start TIMESTAMP,
  charge_period_start TIMESTAMP,
  sub_account_id VARCHAR,
  service_name VARCHAR,
  service_category VARCHAR,
  region_id VARCHAR,
  charge_category VARCHAR,
  pricing_category VARCHAR,
  billing_currency VARCHAR,
  team VARCHAR,
  catalog_service VARCHAR,
  cost_centre VARCHAR,
  business_unit VARCHAR,
  environment VARCHAR,
  line_count BIGINT NOT NULL,
  billed_cost DECIMAL(38,16),
  effective_cost DECIMAL(38,16),
  list_cost DECIMAL(38,16),
  contracted_cost DECIMAL(38,16)
);

-- Back-fill from the lines a database already holds (rebuilt whole, so running it again gives
-- the same rows): the daily rollups from the lines, the monthly ones from the daily rows.
DELETE FROM cost_rollup_daily;
INSERT INTO cost_rollup_daily
SELECT load_id, billing_account_id, provider_name, billing_period_start,
  CAST(date_trunc('day', charge_period_start) AS TIMESTAMP),
  sub_account_id, service_name, service_category, region_id, charge_category, pricing_category, billing_currency,
  count(*), sum(billed_cost), sum(effective_cost), sum(list_cost), sum(contracted_cost)
FROM cost_lines
GROUP BY ALL;

DELETE FROM cost_rollup_monthly;
INSERT INTO cost_rollup_monthly
SELECT load_id, billing_account_id, provider_name, billing_period_start,
  CAST(date_trunc('month', charge_period_start) AS TIMESTAMP),
  sub_account_id, service_name, service_category, region_id, charge_category, pricing_category, billing_currency,
  sum(line_count), sum(billed_cost), sum(effective_cost), sum(list_cost), sum(contracted_cost)
FROM cost_rollup_daily
GROUP BY ALL;

DELETE FROM allocated_rollup_daily;
INSERT INTO allocated_rollup_daily
SELECT a.period, a.load_id, c.billing_account_id, c.provider_name, c.billing_period_start,
  CAST(date_trunc('day', c.charge_period_start) AS TIMESTAMP),
  c.sub_account_id, c.service_name, c.service_category, c.region_id, c.charge_category, c.pricing_category,
  c.billing_currency, a.team, a.service, a.cost_centre, a.business_unit, a.environment,
  count(*), sum(a.billed_cost), sum(a.effective_cost), sum(c.list_cost), sum(c.contracted_cost)
FROM allocated_lines a
JOIN cost_lines c ON c.load_id = a.load_id AND c.source_file = a.source_file AND c.source_row = a.source_row
GROUP BY ALL;

DELETE FROM allocated_rollup_monthly;
INSERT INTO allocated_rollup_monthly
SELECT period, load_id, billing_account_id, provider_name, billing_period_start,
  CAST(date_trunc('month', charge_period_start) AS TIMESTAMP),
  sub_account_id, service_name, service_category, region_id, charge_category, pricing_category,
  billing_currency, team, catalog_service, cost_centre, business_unit, environment,
  sum(line_count), sum(billed_cost), sum(effective_cost), sum(list_cost), sum(contracted_cost)
FROM allocated_rollup_daily
GROUP BY ALL;
