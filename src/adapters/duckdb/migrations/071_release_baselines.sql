-- A release's re-baselined estimates: each a new version with its reason, who made it and when.
-- Version 1 is the estimate the release was created with (kept in releases.estimate_json).
CREATE TABLE IF NOT EXISTS release_baselines (
  release_id VARCHAR NOT NULL,
  version INTEGER NOT NULL,
  estimate_json VARCHAR NOT NULL,
  total DECIMAL(38,16) NOT NULL,
  reason VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  created_by VARCHAR NOT NULL,
  PRIMARY KEY (release_id, version)
);
