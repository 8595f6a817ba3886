-- Release and deployment governance (PostgreSQL): the same tables as DuckDB's 020, money as
-- NUMERIC(38,16) like DuckDB's DECIMAL(38,16) so both engines round alike, JSON kept as the text
-- Tollgate wrote. Columns that lists are sorted by compare bytewise (COLLATE "C"), as in DuckDB,
-- whatever the database's default collation. These are small tables, not facts, and no query
-- joins them with the cost lines: on Citus leave them (and those of 030 and 040) as plain local
-- tables on the coordinator; do not distribute them (Citus runs no triggers on distributed
-- tables, and the decision log's append-only guard below is one).
CREATE TABLE IF NOT EXISTS rate_card_versions (
  version INTEGER PRIMARY KEY,
  applied_at TIMESTAMP NOT NULL,
  applied_by TEXT NOT NULL,
  source_path TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS rate_card_entries (
  version INTEGER NOT NULL,
  role TEXT COLLATE "C" NOT NULL,
  hourly_rate NUMERIC(38,16) NOT NULL,
  currency TEXT NOT NULL,
  effective_from DATE NOT NULL,
  effective_to DATE                          -- NULL: open-ended
);
CREATE INDEX IF NOT EXISTS rate_card_entries_version ON rate_card_entries (version);

CREATE TABLE IF NOT EXISTS governance_policy_versions (
  version INTEGER PRIMARY KEY,
  policy_version TEXT NOT NULL,              -- the version the document states
  applied_at TIMESTAMP NOT NULL,
  applied_by TEXT NOT NULL,
  source_path TEXT NOT NULL,
  policy_json TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS releases (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL,
  services TEXT NOT NULL,                    -- JSON array of service ids
  status TEXT NOT NULL,                      -- 'open' | 'closed'
  currency TEXT NOT NULL,
  budget NUMERIC(38,16),                     -- NULL: no budget configured
  planned_date DATE NOT NULL,
  cost_of_delay_per_week NUMERIC(38,16) NOT NULL,
  spend_class TEXT NOT NULL,                 -- 'capex' | 'opex'
  spend_reason TEXT NOT NULL,
  estimate_json TEXT NOT NULL,               -- the estimate's inputs
  created_at TIMESTAMP NOT NULL,
  closed_at TIMESTAMP,
  closing_json TEXT                          -- estimate vs actual at close
);

-- entry_seq keeps entries logged in the same transaction (same logged_at) in the order logged.
CREATE TABLE IF NOT EXISTS release_time_entries (
  entry_seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  release_id TEXT NOT NULL,
  person TEXT NOT NULL,
  role TEXT NOT NULL,
  hours NUMERIC(38,16) NOT NULL,
  work_date DATE NOT NULL,
  hourly_rate NUMERIC(38,16) NOT NULL,
  amount NUMERIC(38,16) NOT NULL,
  note TEXT,
  logged_at TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS release_time_entries_release ON release_time_entries (release_id);

CREATE SEQUENCE IF NOT EXISTS deployment_id_seq START 1;
CREATE TABLE IF NOT EXISTS deployments (
  id TEXT COLLATE "C" PRIMARY KEY,
  delivery_key TEXT NOT NULL UNIQUE,         -- the same delivery is recorded once
  source TEXT NOT NULL,                      -- 'cli' | 'github' | 'gitlab' | 'argocd'
  service TEXT NOT NULL,
  version TEXT NOT NULL,
  commit_sha TEXT,
  committed_at TIMESTAMP,
  environment TEXT NOT NULL,
  pipeline_run TEXT,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL,
  outcome TEXT NOT NULL,                     -- 'succeeded' | 'failed' | 'rolled_back'
  change_type TEXT NOT NULL,                 -- 'standard' | 'normal' | 'emergency'
  release_id TEXT,
  change_request_id TEXT,
  triggered_by TEXT NOT NULL,
  pipeline_minutes NUMERIC(38,16) NOT NULL,
  cost_total NUMERIC(38,16) NOT NULL,
  cost_currency TEXT NOT NULL,
  cost_json TEXT NOT NULL,                   -- the cost breakdown and the cost model version
  recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS deployments_finished ON deployments (finished_at, id);
CREATE INDEX IF NOT EXISTS deployments_service ON deployments (service, environment);
CREATE INDEX IF NOT EXISTS deployments_release ON deployments (release_id);

CREATE SEQUENCE IF NOT EXISTS incident_id_seq START 1;
CREATE TABLE IF NOT EXISTS incidents (
  id TEXT COLLATE "C" PRIMARY KEY,
  delivery_key TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  service TEXT NOT NULL,
  environment TEXT NOT NULL,
  title TEXT NOT NULL,
  severity TEXT NOT NULL,
  started_at TIMESTAMP NOT NULL,
  resolved_at TIMESTAMP,
  deployment_id TEXT,
  recorded_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS change_request_id_seq START 1;
CREATE TABLE IF NOT EXISTS change_requests (
  id TEXT COLLATE "C" PRIMARY KEY,
  service TEXT NOT NULL,
  environment TEXT NOT NULL,
  change_type TEXT NOT NULL,
  release_id TEXT,
  version TEXT,
  requested_by TEXT NOT NULL,
  estimated_cost NUMERIC(38,16) NOT NULL,
  justification_json TEXT,                   -- out-of-cycle cost-benefit justification
  status TEXT NOT NULL,                      -- 'open' | 'rejected' | 'closed'
  created_at TIMESTAMP NOT NULL,
  ready_at TIMESTAMP NOT NULL,
  closed_at TIMESTAMP
);
CREATE INDEX IF NOT EXISTS change_requests_created ON change_requests (created_at, id);

CREATE TABLE IF NOT EXISTS change_approvals (
  change_id TEXT NOT NULL,
  approver TEXT COLLATE "C" NOT NULL,
  role TEXT NOT NULL,
  kind TEXT NOT NULL,                        -- 'approval' | 'sign-off'
  decision TEXT NOT NULL,                    -- 'approve' | 'reject'
  comment TEXT,
  decided_at TIMESTAMP NOT NULL,
  UNIQUE (change_id, approver, kind)
);

CREATE SEQUENCE IF NOT EXISTS freeze_id_seq START 1;
CREATE TABLE IF NOT EXISTS deployment_freezes (
  id TEXT COLLATE "C" PRIMARY KEY,
  environment TEXT NOT NULL,                 -- '*' for every environment
  cron TEXT,
  from_at TIMESTAMP,
  until_at TIMESTAMP,
  reason TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS break_glass_id_seq START 1;
CREATE TABLE IF NOT EXISTS break_glass (
  id TEXT COLLATE "C" PRIMARY KEY,
  environment TEXT NOT NULL,
  service TEXT,
  by_person TEXT NOT NULL,
  reason TEXT NOT NULL,
  from_at TIMESTAMP NOT NULL,
  until_at TIMESTAMP NOT NULL,
  created_at TIMESTAMP NOT NULL
);

-- Append-only: every decision with every input it was made from. The adapter only inserts and
-- reads; the table also refuses UPDATE and DELETE (trigger below), so no process can rewrite it.
CREATE SEQUENCE IF NOT EXISTS governance_decision_seq START 1;
CREATE TABLE IF NOT EXISTS governance_decisions (
  seq BIGINT PRIMARY KEY,
  decided_at TIMESTAMP NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  actor TEXT NOT NULL,
  decision TEXT NOT NULL,
  inputs_json TEXT NOT NULL,
  result_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS governance_decisions_subject ON governance_decisions (subject);

CREATE OR REPLACE FUNCTION tollgate_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  RAISE EXCEPTION '% is append-only: rows are never changed or removed', TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$body$;

DROP TRIGGER IF EXISTS governance_decisions_append_only ON governance_decisions;
CREATE TRIGGER governance_decisions_append_only BEFORE UPDATE OR DELETE ON governance_decisions
  FOR EACH ROW EXECUTE FUNCTION tollgate_refuse_change();
