-- The asset register (PostgreSQL): DuckDB's 060; every change to an asset is a new version.
CREATE TABLE IF NOT EXISTS asset_versions (
  asset_id TEXT COLLATE "C" NOT NULL,
  version INTEGER NOT NULL,
  changed_at TIMESTAMP NOT NULL,
  changed_by TEXT NOT NULL,
  asset_class TEXT NOT NULL,
  owner_team TEXT NOT NULL,
  status TEXT NOT NULL,                      -- 'ordered' | 'in-service' | 'retired' | 'disposed'
  acquisition_cost NUMERIC(38,16) NOT NULL,
  record TEXT NOT NULL,                      -- JSON of the whole asset, amounts as decimal strings
  PRIMARY KEY (asset_id, version)
);
