-- The service catalogue, rule sets, usage drivers, closed periods and allocation runs.
CREATE TABLE IF NOT EXISTS catalog_versions (
  version INTEGER PRIMARY KEY,
  applied_at TIMESTAMP NOT NULL,
  applied_by VARCHAR NOT NULL,
  source_path VARCHAR NOT NULL,
  content_hash VARCHAR NOT NULL,            -- sha256 of the catalogue's canonical JSON
  catalog_json VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS rule_set_versions (
  version INTEGER PRIMARY KEY,
  applied_at TIMESTAMP NOT NULL,
  applied_by VARCHAR NOT NULL,
  effective_from VARCHAR NOT NULL,          -- first period (YYYY-MM) it applies to; '0000-01' = all
  source_path VARCHAR NOT NULL,
  restored_from INTEGER,                    -- the version this one restored, if any
  yaml_text VARCHAR NOT NULL,               -- the file as written, for diff and restore
  rule_set_json VARCHAR NOT NULL
);

-- Usage metrics per team and period (CPU hours, requests, headcount...), for driver splits.
CREATE TABLE IF NOT EXISTS driver_values (
  period VARCHAR NOT NULL,
  driver VARCHAR NOT NULL,
  team VARCHAR NOT NULL,
  quantity DECIMAL(38,16) NOT NULL,
  loaded_at TIMESTAMP NOT NULL,
  source_path VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS closed_periods (
  period VARCHAR PRIMARY KEY,
  closed_at TIMESTAMP NOT NULL,
  closed_by VARCHAR NOT NULL
);

-- Append-only record of every change to allocation inputs (catalogue, rules, drivers, periods).
CREATE SEQUENCE IF NOT EXISTS allocation_audit_seq START 1;
CREATE TABLE IF NOT EXISTS allocation_audit (
  id BIGINT PRIMARY KEY,
  happened_at TIMESTAMP NOT NULL,
  actor VARCHAR NOT NULL,
  action VARCHAR NOT NULL,                  -- catalog.apply, rules.apply, rules.restore, drivers.load, period.close, period.reopen, allocate
  subject VARCHAR NOT NULL,
  detail VARCHAR NOT NULL                   -- JSON
);

CREATE SEQUENCE IF NOT EXISTS allocation_run_seq START 1;
CREATE TABLE IF NOT EXISTS allocation_runs (
  id BIGINT PRIMARY KEY,
  period VARCHAR NOT NULL,
  started_at TIMESTAMP NOT NULL,
  run_by VARCHAR NOT NULL,
  status VARCHAR NOT NULL,                  -- 'current' | 'replaced'
  rule_set_version INTEGER NOT NULL,
  catalog_version INTEGER NOT NULL,
  load_ids VARCHAR NOT NULL,                -- JSON array of the loads whose lines were allocated
  line_count BIGINT NOT NULL,
  totals VARCHAR NOT NULL,                  -- JSON: per currency ingested, allocated, unallocated
  empty_splits VARCHAR NOT NULL             -- JSON: shared rules that had nothing to split by
);

-- A cost line's share for one owner, and the rule and run that put it there. Only the current
-- run of each period has rows; re-running a period replaces them.
CREATE TABLE IF NOT EXISTS allocated_lines (
  run_id BIGINT NOT NULL,
  period VARCHAR NOT NULL,
  load_id BIGINT NOT NULL,
  source_file VARCHAR NOT NULL,
  source_row BIGINT NOT NULL,
  currency VARCHAR,
  kind VARCHAR NOT NULL,                    -- 'direct' | 'shared' | 'unallocated'
  rule_id VARCHAR,
  method VARCHAR,
  driver VARCHAR,
  team VARCHAR,
  service VARCHAR,
  cost_centre VARCHAR,
  business_unit VARCHAR,
  environment VARCHAR,
  billed_cost DECIMAL(38,16) NOT NULL,
  effective_cost DECIMAL(38,16) NOT NULL
);
