-- Cost rollups (as in server mode): exact sums of the cost lines, and of their allocated
-- shares, per day and per month of ChargePeriodStart with every dimension a cost query can
-- group by but resources and tags. The cost store keeps cost_rollup_* in step with every load
-- and delete, in the same transaction, and brings a period's allocated_rollup_* to its current
-- allocation run before reading them; cost queries read the smallest one that answers exactly
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

-- The allocated rollups are built on their first read (013_allocated_rollup_runs.sql).
