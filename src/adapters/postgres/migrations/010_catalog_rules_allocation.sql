-- The service catalogue, rule sets, usage drivers, closed periods and allocation runs.
-- Citus: catalog_versions, rule_set_versions, driver_values, closed_periods, allocation_audit
-- and allocation_runs are reference tables; allocated_lines and allocated_rollup_daily are
-- distributed by billing_account_id, colocated with cost_lines.
CREATE TABLE IF NOT EXISTS catalog_versions (
  version INTEGER PRIMARY KEY,
  applied_at TIMESTAMP NOT NULL,
  applied_by TEXT COLLATE "C" NOT NULL,
  source_path TEXT COLLATE "C" NOT NULL,
  content_hash TEXT COLLATE "C" NOT NULL,
  catalog_json TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS rule_set_versions (
  version INTEGER PRIMARY KEY,
  applied_at TIMESTAMP NOT NULL,
  applied_by TEXT COLLATE "C" NOT NULL,
  effective_from TEXT COLLATE "C" NOT NULL,  -- first period (YYYY-MM) it applies to; '0000-01' = all
  source_path TEXT COLLATE "C" NOT NULL,
  restored_from INTEGER,
  yaml_text TEXT NOT NULL,
  rule_set_json TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS driver_values (
  period TEXT COLLATE "C" NOT NULL,
  driver TEXT COLLATE "C" NOT NULL,
  team TEXT COLLATE "C" NOT NULL,
  quantity NUMERIC(38,16) NOT NULL,
  loaded_at TIMESTAMP NOT NULL,
  source_path TEXT COLLATE "C" NOT NULL
);
CREATE INDEX IF NOT EXISTS driver_values_period ON driver_values (period, driver);

CREATE TABLE IF NOT EXISTS closed_periods (
  period TEXT COLLATE "C" PRIMARY KEY,
  closed_at TIMESTAMP NOT NULL,
  closed_by TEXT COLLATE "C" NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS allocation_audit_seq START 1;
CREATE TABLE IF NOT EXISTS allocation_audit (
  id BIGINT PRIMARY KEY,
  happened_at TIMESTAMP NOT NULL,
  actor TEXT COLLATE "C" NOT NULL,
  action TEXT COLLATE "C" NOT NULL,
  subject TEXT COLLATE "C" NOT NULL,
  detail TEXT NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS allocation_run_seq START 1;
CREATE TABLE IF NOT EXISTS allocation_runs (
  id BIGINT PRIMARY KEY,
  period TEXT COLLATE "C" NOT NULL,
  started_at TIMESTAMP NOT NULL,
  run_by TEXT COLLATE "C" NOT NULL,
  status TEXT COLLATE "C" NOT NULL,
  rule_set_version INTEGER NOT NULL,
  catalog_version INTEGER NOT NULL,
  load_ids TEXT NOT NULL,
  line_count BIGINT NOT NULL,
  totals TEXT NOT NULL,
  empty_splits TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS allocation_runs_period ON allocation_runs (period);

-- A cost line's share for one owner. Columns as DuckDB's, plus billing_account_id (the
-- distribution column, copied from the cost line when the run writes).
CREATE TABLE IF NOT EXISTS allocated_lines (
  run_id BIGINT NOT NULL,
  period TEXT COLLATE "C" NOT NULL,
  load_id BIGINT NOT NULL,
  source_file TEXT COLLATE "C" NOT NULL,
  source_row BIGINT NOT NULL,
  currency TEXT COLLATE "C",
  kind TEXT COLLATE "C" NOT NULL,
  rule_id TEXT COLLATE "C",
  method TEXT COLLATE "C",
  driver TEXT COLLATE "C",
  team TEXT COLLATE "C",
  service TEXT COLLATE "C",
  cost_centre TEXT COLLATE "C",
  business_unit TEXT COLLATE "C",
  environment TEXT COLLATE "C",
  billed_cost NUMERIC(38,16) NOT NULL,
  effective_cost NUMERIC(38,16) NOT NULL,
  billing_account_id TEXT COLLATE "C"
);
CREATE INDEX IF NOT EXISTS allocated_lines_period_team ON allocated_lines (period, team);
CREATE INDEX IF NOT EXISTS allocated_lines_line ON allocated_lines (load_id, source_row);

-- Daily rollup of allocated lines with the cost line dimensions the rollups hold, kept in step
-- by each allocation run (and by deletes of cost lines, which drop their shares from the
-- allocated_cost_lines view): owner cost queries read it instead of joining the lines.
-- list_cost and contracted_cost are the cost line's, as the view gives them.
CREATE TABLE IF NOT EXISTS allocated_rollup_daily (
  period TEXT COLLATE "C" NOT NULL,
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
  team TEXT COLLATE "C",
  catalog_service TEXT COLLATE "C",
  cost_centre TEXT COLLATE "C",
  business_unit TEXT COLLATE "C",
  environment TEXT COLLATE "C",
  line_count BIGINT NOT NULL,
  billed_cost NUMERIC,
  effective_cost NUMERIC,
  list_cost NUMERIC,
  contracted_cost NUMERIC
);
CREATE INDEX IF NOT EXISTS allocated_rollup_daily_period ON allocated_rollup_daily (period);
CREATE INDEX IF NOT EXISTS allocated_rollup_daily_load ON allocated_rollup_daily (load_id, billing_account_id, provider_name, billing_period_start);
