-- Versions of the journal map (which ledger accounts and cost centre codes finance's journal
-- posts to), as JSON. A closed period's journal uses the version in force when it closed.
CREATE TABLE IF NOT EXISTS journal_maps (
  version INTEGER PRIMARY KEY,
  map TEXT NOT NULL,
  applied_by TEXT NOT NULL,
  applied_at TIMESTAMP NOT NULL
);

-- The journal map version a closed period posts with, pinned when it closes (NULL: none was
-- applied yet, so the first one applies) and dropped when it reopens.
CREATE TABLE IF NOT EXISTS journal_period_maps (
  period TEXT PRIMARY KEY,
  map_version INTEGER
);
