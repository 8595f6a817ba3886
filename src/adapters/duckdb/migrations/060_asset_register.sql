-- The asset register: every change to an asset is a new version; the newest is the asset now.
CREATE TABLE IF NOT EXISTS asset_versions (
  asset_id VARCHAR NOT NULL,
  version INTEGER NOT NULL,
  changed_at TIMESTAMP NOT NULL,
  changed_by VARCHAR NOT NULL,
  asset_class VARCHAR NOT NULL,
  owner_team VARCHAR NOT NULL,
  status VARCHAR NOT NULL,                 -- 'ordered' | 'in-service' | 'retired' | 'disposed'
  acquisition_cost DECIMAL(38,16) NOT NULL,
  record VARCHAR NOT NULL,                 -- JSON of the whole asset, amounts as decimal strings
  PRIMARY KEY (asset_id, version)
);
