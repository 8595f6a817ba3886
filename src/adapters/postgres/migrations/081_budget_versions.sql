-- Every saved state of a budget (PostgreSQL): DuckDB's 081 with the key that keeps one version
-- number per name even when two servers save the same budget at once.
CREATE TABLE IF NOT EXISTS budget_versions (
  name TEXT COLLATE "C" NOT NULL,
  version INTEGER NOT NULL,
  budget TEXT,                               -- JSON of the budget as saved; NULL when removed
  changed_by TEXT NOT NULL,                  -- the audit log's actor name
  changed_at TIMESTAMP NOT NULL,
  PRIMARY KEY (name, version)
);
