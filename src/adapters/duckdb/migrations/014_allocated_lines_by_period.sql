-- Each billing period's allocated rows live in a table of their own, allocated_lines_pYYYY_MM,
-- and allocated_lines becomes a view over them (and over allocated_lines_base: the rows of runs
-- made before this migration, left where they are until their period is allocated again).
-- An allocation run replaces its period's table whole (DROP and CREATE, as PostgreSQL replaces
-- a partition) instead of deleting its rows: DuckDB logs a delete row by row, and past 16 MB of
-- log it checkpoints at the commit, which made re-running a large month cost a fifth more.
-- The view is rebuilt by the run (src/adapters/duckdb/duckdb-period-allocations.ts).
ALTER TABLE allocated_lines RENAME TO allocated_lines_base;
CREATE VIEW allocated_lines AS SELECT * FROM allocated_lines_base;
