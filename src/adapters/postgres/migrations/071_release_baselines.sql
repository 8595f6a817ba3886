-- A release's re-baselined estimates: each a new version with its reason, who made it and when.
-- Version 1 is the estimate the release was created with (kept in releases.estimate_json).
CREATE TABLE IF NOT EXISTS release_baselines (
  release_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  estimate_json TEXT NOT NULL,
  total NUMERIC(38,16) NOT NULL,
  reason TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (release_id, version)
);
