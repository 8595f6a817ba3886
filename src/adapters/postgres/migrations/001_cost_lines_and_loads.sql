-- Loads of billing sources and the FOCUS cost lines they brought (PostgreSQL, server mode).
--
-- Layout, and what a distributed PostgreSQL (Citus) needs of it:
-- * cost_lines is partitioned by billing month (RANGE on billing_period_start, one partition
--   per month, created on demand by the cost store as cost_lines_YYYYMM). Every fact table
--   (cost_lines, cost_rollup_daily, allocated_lines, allocated_rollup_daily) carries
--   billing_account_id, the distribution column:
--     SELECT create_distributed_table('cost_lines', 'billing_account_id');
--     (the same for cost_rollup_daily, allocated_lines, allocated_rollup_daily, colocated)
--   and the small tables (loads, load_files, load_periods, catalogue, rules, drivers, closed
--   periods, runs, audit) become reference tables: SELECT create_reference_table('loads'); ...
-- * No unique constraint or primary key on a fact table (Citus requires them to include the
--   distribution column; the cost store keeps (load_id, source_file, source_row) unique itself),
--   no foreign keys from facts, no triggers, no DEFAULT partition, sequences only on reference
--   tables (load ids), so every statement on the facts can be routed or pushed down per shard.
-- * Money is NUMERIC(38,16) (DuckDB's DECIMAL(38,16)), timestamps are TIMESTAMP in UTC, text
--   is COLLATE "C" so ordering and grouping are by code point as in DuckDB whatever the
--   database's locale.
CREATE SEQUENCE IF NOT EXISTS load_id_seq START 1;

CREATE TABLE IF NOT EXISTS loads (
  id BIGINT PRIMARY KEY,
  source_format TEXT COLLATE "C" NOT NULL,
  focus_version TEXT COLLATE "C",
  input_path TEXT COLLATE "C" NOT NULL,
  content_hash TEXT COLLATE "C" NOT NULL,
  file_count INTEGER NOT NULL,
  row_count BIGINT NOT NULL,
  rejected_count BIGINT NOT NULL,
  warnings TEXT NOT NULL,                  -- JSON object: warning kind -> count
  status TEXT COLLATE "C" NOT NULL,        -- 'active' | 'replaced' | 'removed'
  loaded_at TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS loads_content_hash ON loads (content_hash);

CREATE TABLE IF NOT EXISTS load_files (
  load_id BIGINT NOT NULL,
  path TEXT COLLATE "C" NOT NULL,
  sha256 TEXT COLLATE "C" NOT NULL,
  bytes BIGINT NOT NULL,
  row_count BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS load_files_load ON load_files (load_id);

-- One row per (load, provider, billing account, billing period, currency): what a load covers,
-- and which later load replaced it.
CREATE TABLE IF NOT EXISTS load_periods (
  load_id BIGINT NOT NULL,
  provider_name TEXT COLLATE "C" NOT NULL,
  billing_account_id TEXT COLLATE "C" NOT NULL,
  billing_period_start TIMESTAMP NOT NULL,
  billing_currency TEXT COLLATE "C" NOT NULL,
  row_count BIGINT NOT NULL,
  billed_cost NUMERIC(38,16) NOT NULL,
  effective_cost NUMERIC(38,16) NOT NULL,
  replaced_by_load_id BIGINT
);
CREATE INDEX IF NOT EXISTS load_periods_load ON load_periods (load_id);
CREATE INDEX IF NOT EXISTS load_periods_key ON load_periods (billing_account_id, provider_name, billing_period_start);

-- The facts. Partitions (cost_lines_YYYYMM) are created by the cost store when a load brings
-- a month for the first time.
CREATE TABLE IF NOT EXISTS cost_lines (
  load_id BIGINT NOT NULL,
  source_file TEXT COLLATE "C" NOT NULL,
  source_row BIGINT NOT NULL,
  availability_zone TEXT COLLATE "C",
  billed_cost NUMERIC(38,16),
  billing_account_id TEXT COLLATE "C",
  billing_account_name TEXT COLLATE "C",
  billing_account_type TEXT COLLATE "C",
  billing_currency TEXT COLLATE "C",
  billing_period_end TIMESTAMP,
  billing_period_start TIMESTAMP,
  capacity_reservation_id TEXT COLLATE "C",
  capacity_reservation_status TEXT COLLATE "C",
  charge_category TEXT COLLATE "C",
  charge_class TEXT COLLATE "C",
  charge_description TEXT COLLATE "C",
  charge_frequency TEXT COLLATE "C",
  charge_period_end TIMESTAMP,
  charge_period_start TIMESTAMP,
  commitment_discount_category TEXT COLLATE "C",
  commitment_discount_id TEXT COLLATE "C",
  commitment_discount_name TEXT COLLATE "C",
  commitment_discount_quantity NUMERIC(38,16),
  commitment_discount_status TEXT COLLATE "C",
  commitment_discount_type TEXT COLLATE "C",
  commitment_discount_unit TEXT COLLATE "C",
  consumed_quantity NUMERIC(38,16),
  consumed_unit TEXT COLLATE "C",
  contracted_cost NUMERIC(38,16),
  contracted_unit_price NUMERIC(38,16),
  effective_cost NUMERIC(38,16),
  invoice_id TEXT COLLATE "C",
  invoice_issuer_name TEXT COLLATE "C",
  list_cost NUMERIC(38,16),
  list_unit_price NUMERIC(38,16),
  pricing_category TEXT COLLATE "C",
  pricing_currency TEXT COLLATE "C",
  pricing_currency_contracted_unit_price NUMERIC(38,16),
  pricing_currency_effective_cost NUMERIC(38,16),
  pricing_currency_list_unit_price NUMERIC(38,16),
  pricing_quantity NUMERIC(38,16),
  pricing_unit TEXT COLLATE "C",
  provider_name TEXT COLLATE "C",
  publisher_name TEXT COLLATE "C",
  region_id TEXT COLLATE "C",
  region_name TEXT COLLATE "C",
  resource_id TEXT COLLATE "C",
  resource_name TEXT COLLATE "C",
  resource_type TEXT COLLATE "C",
  service_category TEXT COLLATE "C",
  service_name TEXT COLLATE "C",
  service_subcategory TEXT COLLATE "C",
  sku_id TEXT COLLATE "C",
  sku_meter TEXT COLLATE "C",
  sku_price_details TEXT COLLATE "C",
  sku_price_id TEXT COLLATE "C",
  sub_account_id TEXT COLLATE "C",
  sub_account_name TEXT COLLATE "C",
  sub_account_type TEXT COLLATE "C",
  tags JSONB,
  extras TEXT COLLATE "C") PARTITION BY RANGE (billing_period_start);
-- Allocation and the statement join allocated lines back to their cost line by
-- (load_id, source_file, source_row); deleting a replaced period finds it by load.
CREATE INDEX IF NOT EXISTS cost_lines_line ON cost_lines (load_id, source_row);

-- Daily rollup of the cost lines, kept in step by the cost store with every load and delete
-- (same transaction): cost queries whose dimensions it holds read it instead of the lines.
-- charge_period_start is the day (midnight) of the lines' ChargePeriodStart, so the shared
-- cost-query SQL runs on it unchanged; amounts are exact sums (NULL when every line had NULL).
CREATE TABLE IF NOT EXISTS cost_rollup_daily (
  load_id BIGINT NOT NULL,
  billing_account_id TEXT COLLATE "C",
  provider_name TEXT COLLATE "C",
  billing_period_start TIMESTAMP,
  charge_period_start TIMESTAMP,
  sub_account_id TEXT COLLATE "C",
  service_name TEXT COLLATE "C",
  service_category TEXT COLLATE "C",
  region_id TEXT COLLATE "C",
  charge_category TEXT COLLATE "C",
  pricing_category TEXT COLLATE "C",
  billing_currency TEXT COLLATE "C",
  line_count BIGINT NOT NULL,
  billed_cost NUMERIC,
  effective_cost NUMERIC,
  list_cost NUMERIC,
  contracted_cost NUMERIC
);
CREATE INDEX IF NOT EXISTS cost_rollup_daily_load ON cost_rollup_daily (load_id, billing_account_id, provider_name, billing_period_start);
CREATE INDEX IF NOT EXISTS cost_rollup_daily_day ON cost_rollup_daily (charge_period_start);

-- The same by month (charge_period_start is the first instant of the month): queries without
-- a day or week dimension over whole months read this much smaller table.
CREATE TABLE IF NOT EXISTS cost_rollup_monthly (LIKE cost_rollup_daily);
CREATE INDEX IF NOT EXISTS cost_rollup_monthly_load ON cost_rollup_monthly (load_id, billing_account_id, provider_name, billing_period_start);
CREATE INDEX IF NOT EXISTS cost_rollup_monthly_month ON cost_rollup_monthly (charge_period_start);
