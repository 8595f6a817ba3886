-- Budgets, forecast snapshots, alerts and their notifications.
CREATE SEQUENCE IF NOT EXISTS forecast_snapshot_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS alert_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS alert_silence_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS webhook_id_seq START 1;

-- One row per budget name (replaced as a whole by `budgets set` and `budgets apply`).
CREATE TABLE IF NOT EXISTS budgets (
  name VARCHAR NOT NULL,
  scope VARCHAR NOT NULL,                  -- JSON: {filters: [...], owner?: {kind, id}}
  period_kind VARCHAR NOT NULL,            -- 'month' | 'quarter' | 'fiscal-year'
  fiscal_year_start_month INTEGER NOT NULL,
  amount DECIMAL(38,16) NOT NULL,
  currency VARCHAR NOT NULL,
  metric VARCHAR NOT NULL,
  cost_class VARCHAR NOT NULL,             -- 'opex' | 'capex'
  thresholds VARCHAR NOT NULL,             -- JSON array of {basis, percent}
  burn_rate VARCHAR NOT NULL,              -- JSON BurnRatePolicy
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

-- A forecast as it was made, kept so that its accuracy can be scored when actuals arrive.
CREATE TABLE IF NOT EXISTS forecast_snapshots (
  id BIGINT NOT NULL,
  scope_key VARCHAR NOT NULL,              -- canonical text of the scope (filters and group value)
  filters VARCHAR NOT NULL,                -- JSON array of cost filters that select the scope's lines
  metric VARCHAR NOT NULL,
  currency VARCHAR NOT NULL,
  first_day DATE NOT NULL,                 -- first forecast day (the day after the data ended)
  horizon_days INTEGER NOT NULL,
  method VARCHAR NOT NULL,
  mase DOUBLE,
  interval_source VARCHAR NOT NULL,
  warnings VARCHAR NOT NULL,               -- JSON array of text
  created_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS forecast_snapshot_days (
  snapshot_id BIGINT NOT NULL,
  day DATE NOT NULL,
  point DECIMAL(38,16) NOT NULL,
  lo80 DECIMAL(38,16) NOT NULL,
  hi80 DECIMAL(38,16) NOT NULL,
  lo95 DECIMAL(38,16) NOT NULL,
  hi95 DECIMAL(38,16) NOT NULL
);

CREATE TABLE IF NOT EXISTS alerts (
  id BIGINT NOT NULL,
  dedup_key VARCHAR NOT NULL,
  budget_name VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,                   -- 'burn-rate' | 'threshold' | 'anomaly'
  severity VARCHAR NOT NULL,               -- 'page' | 'ticket'
  status VARCHAR NOT NULL,                 -- 'open' | 'acknowledged' | 'resolved'
  title VARCHAR NOT NULL,
  details VARCHAR NOT NULL,                -- JSON
  silenced BOOLEAN NOT NULL,
  opened_at TIMESTAMP NOT NULL,
  last_seen_at TIMESTAMP NOT NULL,
  acknowledged_at TIMESTAMP,
  acknowledged_by VARCHAR,
  resolved_at TIMESTAMP
);

-- Every change of every alert: the history.
CREATE TABLE IF NOT EXISTS alert_events (
  alert_id BIGINT NOT NULL,
  event_at TIMESTAMP NOT NULL,
  event VARCHAR NOT NULL,                  -- 'opened' | 'seen' | 'acknowledged' | 'resolved'
  note VARCHAR
);

CREATE TABLE IF NOT EXISTS alert_silences (
  id BIGINT NOT NULL,
  budget_name VARCHAR,                     -- NULL silences every budget
  starts_at TIMESTAMP NOT NULL,
  ends_at TIMESTAMP NOT NULL,
  reason VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS webhooks (
  id BIGINT NOT NULL,
  url VARCHAR NOT NULL,
  format VARCHAR NOT NULL,                 -- 'json' | 'slack'
  secret VARCHAR NOT NULL,                 -- HMAC-SHA256 key for the signature header
  active BOOLEAN NOT NULL,
  created_at TIMESTAMP NOT NULL
);

-- One row per (alert, webhook): delivered, or still pending (retried by the next evaluate).
CREATE TABLE IF NOT EXISTS alert_deliveries (
  alert_id BIGINT NOT NULL,
  webhook_id BIGINT NOT NULL,
  status VARCHAR NOT NULL,                 -- 'pending' | 'delivered'
  attempts INTEGER NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS alert_delivery_attempts (
  alert_id BIGINT NOT NULL,
  webhook_id BIGINT NOT NULL,
  attempt INTEGER NOT NULL,
  attempted_at TIMESTAMP NOT NULL,
  http_status INTEGER,
  error VARCHAR,
  duration_ms INTEGER NOT NULL
);
