-- Users, API tokens, the hash-chained audit log and jobs of the API server.
-- Instants are ISO-8601 UTC strings written by Tollgate, so the audit hash never depends on
-- how the engine prints a timestamp.
CREATE SEQUENCE IF NOT EXISTS user_id_seq START 1;

CREATE TABLE IF NOT EXISTS users (
  id BIGINT PRIMARY KEY,
  name VARCHAR NOT NULL UNIQUE,
  role VARCHAR NOT NULL,                   -- viewer | analyst | budget-owner | approver | finance-admin | admin
  scopes VARCHAR NOT NULL,                 -- JSON array of owner names
  password_hash VARCHAR,                   -- scrypt$N$r$p$salt$hash, or NULL (token-only user)
  created_at VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS api_tokens (
  id VARCHAR PRIMARY KEY,                  -- public part of the token, safe to log
  user_id BIGINT NOT NULL,
  label VARCHAR NOT NULL,
  secret_hash VARCHAR NOT NULL,            -- sha256 of the secret part; the secret is never stored
  created_at VARCHAR NOT NULL,
  expires_at VARCHAR,
  revoked_at VARCHAR
);

CREATE TABLE IF NOT EXISTS audit_log (
  seq BIGINT PRIMARY KEY,
  recorded_at VARCHAR NOT NULL,
  actor VARCHAR NOT NULL,
  token_id VARCHAR,
  address VARCHAR,
  action VARCHAR NOT NULL,
  target VARCHAR NOT NULL,
  before_json VARCHAR NOT NULL,
  after_json VARCHAR NOT NULL,
  prev_hash VARCHAR NOT NULL,
  hash VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS jobs (
  id VARCHAR PRIMARY KEY,
  kind VARCHAR NOT NULL,                   -- ingest | allocation | ...
  status VARCHAR NOT NULL,                 -- queued | running | succeeded | failed
  created_by VARCHAR NOT NULL,
  input_json VARCHAR NOT NULL,
  progress_json VARCHAR,
  result_json VARCHAR,
  error_json VARCHAR,
  created_at VARCHAR NOT NULL,
  started_at VARCHAR,
  finished_at VARCHAR
);
