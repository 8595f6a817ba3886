-- Governance notices (approval requests, gate denials) sent through the alert channels. One row
-- per notice key: a change's approval request, or a denial of one version for the same reasons.
CREATE SEQUENCE IF NOT EXISTS governance_notice_id_seq START 1;

CREATE TABLE IF NOT EXISTS governance_notices (
  id BIGINT NOT NULL,
  notice_key VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,                   -- 'approval-request' | 'gate-denial'
  notice VARCHAR NOT NULL,                 -- JSON: the GovernanceNotice
  created_at TIMESTAMP NOT NULL
);

-- One row per (notice, channel): delivered, or pending (retried by the scheduler).
CREATE TABLE IF NOT EXISTS governance_notice_deliveries (
  notice_id BIGINT NOT NULL,
  webhook_id BIGINT NOT NULL,
  status VARCHAR NOT NULL,                 -- 'pending' | 'delivered'
  attempts INTEGER NOT NULL,
  last_error VARCHAR,
  updated_at TIMESTAMP NOT NULL
);
