-- Budgets, forecast snapshots, alerts and their notifications (PostgreSQL): DuckDB's 030 with
-- the keys that make concurrent writers safe (one budget per name, one delivery per alert and
-- webhook, at most one active alert per deduplication key).
CREATE SEQUENCE IF NOT EXISTS forecast_snapshot_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS alert_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS alert_silence_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS webhook_id_seq START 1;

CREATE TABLE IF NOT EXISTS budgets (
  name TEXT COLLATE "C" PRIMARY KEY,
  scope TEXT NOT NULL,                       -- JSON: {filters: [...], owner?: {kind, id}}
  period_kind TEXT NOT NULL,                 -- 'month' | 'quarter' | 'fiscal-year'
  fiscal_year_start_month INTEGER NOT NULL,
  amount NUMERIC(38,16) NOT NULL,
  currency TEXT NOT NULL,
  metric TEXT NOT NULL,
  cost_class TEXT NOT NULL,                  -- 'opex' | 'capex'
  thresholds TEXT NOT NULL,                  -- JSON array of {basis, percent}
  burn_rate TEXT NOT NULL,                   -- JSON BurnRatePolicy
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS forecast_snapshots (
  id BIGINT PRIMARY KEY,
  scope_key TEXT NOT NULL,                   -- canonical text of the scope (filters and group value)
  filters TEXT NOT NULL,                     -- JSON array of cost filters that select the scope's lines
  metric TEXT NOT NULL,
  currency TEXT NOT NULL,
  first_day DATE NOT NULL,                   -- first forecast day (the day after the data ended)
  horizon_days INTEGER NOT NULL,
  method TEXT NOT NULL,
  mase DOUBLE PRECISION,
  interval_source TEXT NOT NULL,
  warnings TEXT NOT NULL,                    -- JSON array of text
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS forecast_snapshots_scope ON forecast_snapshots (scope_key, created_at);

CREATE TABLE IF NOT EXISTS forecast_snapshot_days (
  snapshot_id BIGINT NOT NULL,
  day DATE NOT NULL,
  point NUMERIC(38,16) NOT NULL,
  lo80 NUMERIC(38,16) NOT NULL,
  hi80 NUMERIC(38,16) NOT NULL,
  lo95 NUMERIC(38,16) NOT NULL,
  hi95 NUMERIC(38,16) NOT NULL,
  PRIMARY KEY (snapshot_id, day)
);

CREATE TABLE IF NOT EXISTS alerts (
  id BIGINT PRIMARY KEY,
  dedup_key TEXT NOT NULL,
  budget_name TEXT NOT NULL,
  kind TEXT NOT NULL,                        -- 'burn-rate' | 'threshold' | 'anomaly'
  severity TEXT NOT NULL,                    -- 'page' | 'ticket'
  status TEXT NOT NULL,                      -- 'open' | 'acknowledged' | 'resolved'
  title TEXT NOT NULL,
  details TEXT NOT NULL,                     -- JSON
  silenced BOOLEAN NOT NULL,
  opened_at TIMESTAMP NOT NULL,
  last_seen_at TIMESTAMP NOT NULL,
  acknowledged_at TIMESTAMP,
  acknowledged_by TEXT,
  resolved_at TIMESTAMP
);
-- Two evaluations racing can never leave two active alerts for one condition.
CREATE UNIQUE INDEX IF NOT EXISTS alerts_one_active_per_key ON alerts (dedup_key)
  WHERE status IN ('open', 'acknowledged');
CREATE INDEX IF NOT EXISTS alerts_budget ON alerts (budget_name);

-- Every change of every alert: the history. event_seq orders events of the same instant.
CREATE TABLE IF NOT EXISTS alert_events (
  event_seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id BIGINT NOT NULL,
  event_at TIMESTAMP NOT NULL,
  event TEXT NOT NULL,                       -- 'opened' | 'seen' | 'acknowledged' | 'resolved' | 'silenced'
  note TEXT
);
CREATE INDEX IF NOT EXISTS alert_events_alert ON alert_events (alert_id, event_at);

CREATE TABLE IF NOT EXISTS alert_silences (
  id BIGINT PRIMARY KEY,
  budget_name TEXT,                          -- NULL silences every budget
  starts_at TIMESTAMP NOT NULL,
  ends_at TIMESTAMP NOT NULL,
  reason TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS webhooks (
  id BIGINT PRIMARY KEY,
  url TEXT NOT NULL,
  format TEXT NOT NULL,                      -- 'json' | 'slack'
  secret TEXT NOT NULL,                      -- HMAC-SHA256 key for the signature header
  active BOOLEAN NOT NULL,
  created_at TIMESTAMP NOT NULL
);

-- One row per (alert, webhook): delivered, or still pending (retried by the next evaluate).
CREATE TABLE IF NOT EXISTS alert_deliveries (
  alert_id BIGINT NOT NULL,
  webhook_id BIGINT NOT NULL,
  status TEXT NOT NULL,                      -- 'pending' | 'delivered'
  attempts INTEGER NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (alert_id, webhook_id)
);

CREATE TABLE IF NOT EXISTS alert_delivery_attempts (
  alert_id BIGINT NOT NULL,
  webhook_id BIGINT NOT NULL,
  attempt INTEGER NOT NULL,
  attempted_at TIMESTAMP NOT NULL,
  http_status INTEGER,
  error TEXT,
  duration_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_delivery_attempts_alert ON alert_delivery_attempts (alert_id);
