-- Which allocation run each period's allocated rollups were built from. The embedded engine
-- builds them on first read after a run (src/adapters/duckdb/duckdb-allocated-rollups.ts):
-- a period whose current run is not the one recorded here is rebuilt before it is read. No
-- row yet means every allocated period is rebuilt on the next read, from its current run.
CREATE TABLE IF NOT EXISTS allocated_rollup_runs (
  period VARCHAR PRIMARY KEY,
  run_id BIGINT NOT NULL
);
