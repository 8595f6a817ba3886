-- Governance notices (approval requests, gate denials) sent through the alert channels
-- (PostgreSQL): DuckDB's 076 with the keys that make concurrent writers safe (one notice per key,
-- one delivery per notice and channel).
CREATE SEQUENCE IF NOT EXISTS governance_notice_id_seq START 1;

CREATE TABLE IF NOT EXISTS governance_notices (
  id BIGINT PRIMARY KEY,
  notice_key TEXT COLLATE "C" NOT NULL UNIQUE,
  kind TEXT NOT NULL,                        -- 'approval-request' | 'gate-denial'
  notice TEXT NOT NULL,                      -- JSON: the GovernanceNotice
  created_at TIMESTAMP NOT NULL
);

-- One row per (notice, channel): delivered, or pending (retried by the scheduler).
CREATE TABLE IF NOT EXISTS governance_notice_deliveries (
  notice_id BIGINT NOT NULL,
  webhook_id BIGINT NOT NULL,
  status TEXT NOT NULL,                      -- 'pending' | 'delivered'
  attempts INTEGER NOT NULL,
  last_error TEXT,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (notice_id, webhook_id)
);
