-- Release and deployment governance: rate cards, the governance policy (change models, roles,
-- windows, cost model), releases and their time, deployments, incidents, change requests,
-- approvals, freezes, break-glass, and the append-only decision log.
CREATE TABLE IF NOT EXISTS rate_card_versions (
  version INTEGER PRIMARY KEY,
  applied_at TIMESTAMP NOT NULL,
  applied_by VARCHAR NOT NULL,
  source_path VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS rate_card_entries (
  version INTEGER NOT NULL,
  role VARCHAR NOT NULL,
  hourly_rate DECIMAL(38,16) NOT NULL,
  currency VARCHAR NOT NULL,
  effective_from DATE NOT NULL,
  effective_to DATE                          -- NULL: open-ended
);

CREATE TABLE IF NOT EXISTS governance_policy_versions (
  version INTEGER PRIMARY KEY,
  policy_version VARCHAR NOT NULL,           -- the version the document states
  applied_at TIMESTAMP NOT NULL,
  applied_by VARCHAR NOT NULL,
  source_path VARCHAR NOT NULL,
  policy_json VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS releases (
  id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  services VARCHAR NOT NULL,                 -- JSON array of service ids
  status VARCHAR NOT NULL,                   -- 'open' | 'closed'
  currency VARCHAR NOT NULL,
  budget DECIMAL(38,16),                     -- NULL: no budget configured
  planned_date DATE NOT NULL,
  cost_of_delay_per_week DECIMAL(38,16) NOT NULL,
  spend_class VARCHAR NOT NULL,              -- 'capex' | 'opex'
  spend_reason VARCHAR NOT NULL,
  estimate_json VARCHAR NOT NULL,            -- the estimate's inputs (labour, licences, environments, contingency)
  created_at TIMESTAMP NOT NULL,
  closed_at TIMESTAMP,
  closing_json VARCHAR                       -- estimate vs actual at close
);

CREATE TABLE IF NOT EXISTS release_time_entries (
  release_id VARCHAR NOT NULL,
  person VARCHAR NOT NULL,
  role VARCHAR NOT NULL,
  hours DECIMAL(38,16) NOT NULL,
  work_date DATE NOT NULL,
  hourly_rate DECIMAL(38,16) NOT NULL,
  amount DECIMAL(38,16) NOT NULL,
  note VARCHAR,
  logged_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS deployment_id_seq START 1;
CREATE TABLE IF NOT EXISTS deployments (
  id VARCHAR PRIMARY KEY,
  delivery_key VARCHAR NOT NULL UNIQUE,      -- the same delivery is recorded once
  source VARCHAR NOT NULL,                   -- 'cli' | 'github' | 'gitlab' | 'argocd'
  service VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  commit_sha VARCHAR,
  committed_at TIMESTAMP,
  environment VARCHAR NOT NULL,
  pipeline_run VARCHAR,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL,
  outcome VARCHAR NOT NULL,                  -- 'succeeded' | 'failed' | 'rolled_back'
  change_type VARCHAR NOT NULL,              -- 'standard' | 'normal' | 'emergency'
  release_id VARCHAR,
  change_request_id VARCHAR,
  triggered_by VARCHAR NOT NULL,
  pipeline_minutes DECIMAL(38,16) NOT NULL,
  cost_total DECIMAL(38,16) NOT NULL,
  cost_currency VARCHAR NOT NULL,
  cost_json VARCHAR NOT NULL,                -- the cost breakdown and the cost model version
  recorded_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS incident_id_seq START 1;
CREATE TABLE IF NOT EXISTS incidents (
  id VARCHAR PRIMARY KEY,
  delivery_key VARCHAR NOT NULL UNIQUE,
  source VARCHAR NOT NULL,
  service VARCHAR NOT NULL,
  environment VARCHAR NOT NULL,
  title VARCHAR NOT NULL,
  severity VARCHAR NOT NULL,
  started_at TIMESTAMP NOT NULL,
  resolved_at TIMESTAMP,
  deployment_id VARCHAR,
  recorded_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS change_request_id_seq START 1;
CREATE TABLE IF NOT EXISTS change_requests (
  id VARCHAR PRIMARY KEY,
  service VARCHAR NOT NULL,
  environment VARCHAR NOT NULL,
  change_type VARCHAR NOT NULL,
  release_id VARCHAR,
  version VARCHAR,
  requested_by VARCHAR NOT NULL,
  estimated_cost DECIMAL(38,16) NOT NULL,
  justification_json VARCHAR,                -- out-of-cycle cost-benefit justification
  status VARCHAR NOT NULL,                   -- 'open' | 'rejected' | 'closed'
  created_at TIMESTAMP NOT NULL,
  ready_at TIMESTAMP NOT NULL,
  closed_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS change_approvals (
  change_id VARCHAR NOT NULL,
  approver VARCHAR NOT NULL,
  role VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,                     -- 'approval' | 'sign-off'
  decision VARCHAR NOT NULL,                 -- 'approve' | 'reject'
  comment VARCHAR,
  decided_at TIMESTAMP NOT NULL,
  UNIQUE (change_id, approver, kind)
);

CREATE SEQUENCE IF NOT EXISTS freeze_id_seq START 1;
CREATE TABLE IF NOT EXISTS deployment_freezes (
  id VARCHAR PRIMARY KEY,
  environment VARCHAR NOT NULL,              -- '*' for every environment
  cron VARCHAR,
  from_at TIMESTAMP,
  until_at TIMESTAMP,
  reason VARCHAR NOT NULL,
  created_by VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS break_glass_id_seq START 1;
CREATE TABLE IF NOT EXISTS break_glass (
  id VARCHAR PRIMARY KEY,
  environment VARCHAR NOT NULL,
  service VARCHAR,
  by_person VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  from_at TIMESTAMP NOT NULL,
  until_at TIMESTAMP NOT NULL,
  created_at TIMESTAMP NOT NULL
);

-- Append-only: every decision (gate, approval, rejection, break-glass, policy and rate card
-- applied) with every input it was made from. The adapter only inserts and reads.
CREATE SEQUENCE IF NOT EXISTS governance_decision_seq START 1;
CREATE TABLE IF NOT EXISTS governance_decisions (
  seq BIGINT PRIMARY KEY,
  decided_at TIMESTAMP NOT NULL,
  kind VARCHAR NOT NULL,
  subject VARCHAR NOT NULL,
  actor VARCHAR NOT NULL,
  decision VARCHAR NOT NULL,
  inputs_json VARCHAR NOT NULL,
  result_json VARCHAR NOT NULL
);
