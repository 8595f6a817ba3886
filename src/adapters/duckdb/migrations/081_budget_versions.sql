-- Every saved state of a budget, numbered per name from 1: a save or a removal appends a version
-- (a removal's `budget` is NULL), so a budget's history and the difference between two versions
-- can be read back. The budgets table keeps only the current state.
CREATE TABLE IF NOT EXISTS budget_versions (
  name VARCHAR NOT NULL,
  version INTEGER NOT NULL,
  budget VARCHAR,                          -- JSON of the budget as saved; NULL when removed
  changed_by VARCHAR NOT NULL,             -- the audit log's actor name
  changed_at TIMESTAMP NOT NULL
);
