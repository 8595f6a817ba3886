-- Signed webhook bodies already delivered, one row per (provider, body digest), kept until
-- expires_at (twice the timestamp window): the same body under another delivery id before then
-- is a replay, refused by every API process that shares this database.
CREATE TABLE IF NOT EXISTS webhook_body_claims (
  provider TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  expires_at TEXT NOT NULL,                  -- ISO 8601 UTC
  PRIMARY KEY (provider, body_sha256)
);
CREATE INDEX IF NOT EXISTS webhook_body_claims_expiry ON webhook_body_claims (expires_at);
