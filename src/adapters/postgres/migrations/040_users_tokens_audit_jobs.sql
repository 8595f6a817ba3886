-- Users, API tokens, the hash-chained audit log and jobs (PostgreSQL): DuckDB's 040. Instants
-- are ISO-8601 UTC strings written by Tollgate and JSON is the text Tollgate wrote, so the
-- audit hash never depends on how the engine prints a timestamp or orders a JSON object's keys.
-- Columns compared or sorted as text use COLLATE "C" (bytewise, as DuckDB).
CREATE SEQUENCE IF NOT EXISTS user_id_seq START 1;

CREATE TABLE IF NOT EXISTS users (
  id BIGINT PRIMARY KEY,
  name TEXT COLLATE "C" NOT NULL UNIQUE,
  role TEXT NOT NULL,                        -- viewer | analyst | budget-owner | approver | finance-admin | admin
  scopes TEXT NOT NULL,                      -- JSON array of owner names
  password_hash TEXT,                        -- scrypt$N$r$p$salt$hash, or NULL (token-only user)
  created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS api_tokens (
  id TEXT COLLATE "C" PRIMARY KEY,           -- public part of the token, safe to log
  user_id BIGINT NOT NULL,
  label TEXT NOT NULL,
  secret_hash TEXT NOT NULL,                 -- sha256 of the secret part; the secret is never stored
  created_at TEXT COLLATE "C" NOT NULL,
  expires_at TEXT,
  revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS api_tokens_user ON api_tokens (user_id);

-- No UPDATE/DELETE guard here on purpose: the chain itself shows any edit (verification), and
-- the tamper tests must be able to make one.
CREATE TABLE IF NOT EXISTS audit_log (
  seq BIGINT PRIMARY KEY,
  recorded_at TEXT COLLATE "C" NOT NULL,
  actor TEXT NOT NULL,
  token_id TEXT,
  address TEXT,
  action TEXT COLLATE "C" NOT NULL,
  target TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT COLLATE "C" NOT NULL
);

CREATE TABLE IF NOT EXISTS jobs (
  id TEXT COLLATE "C" PRIMARY KEY,
  kind TEXT COLLATE "C" NOT NULL,            -- ingest | allocation | ...
  status TEXT NOT NULL,                      -- queued | running | succeeded | failed
  created_by TEXT NOT NULL,
  input_json TEXT NOT NULL,
  progress_json TEXT,
  result_json TEXT,
  error_json TEXT,
  created_at TEXT COLLATE "C" NOT NULL,
  started_at TEXT,
  finished_at TEXT
);
CREATE INDEX IF NOT EXISTS jobs_created ON jobs (created_at DESC, id);
CREATE INDEX IF NOT EXISTS jobs_unfinished ON jobs (status) WHERE status IN ('queued', 'running');
