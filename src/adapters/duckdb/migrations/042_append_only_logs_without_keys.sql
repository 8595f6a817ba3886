-- The decision log and the audit log lose their PRIMARY KEY indexes. Both are append-only and
-- numbered by this process, their only writer (the decision log from a counter, the audit log
-- from its chain's head, whose hash chain also catches a repeated or missing number), so the
-- index guarded nothing. It cost at every commit, and at every checkpoint DuckDB wrote the
-- whole index out again: measured on 100,000 decisions, a checkpoint after 200 small commits
-- took 296 ms with the index and 5 ms without, and the API server stalled for that long.
-- Rows are copied in order; lookups by number still skip row groups by their min/max.
CREATE TABLE governance_decisions_unkeyed (
  seq BIGINT NOT NULL,
  decided_at TIMESTAMP NOT NULL,
  kind VARCHAR NOT NULL,
  subject VARCHAR NOT NULL,
  actor VARCHAR NOT NULL,
  decision VARCHAR NOT NULL,
  inputs_json VARCHAR NOT NULL,
  result_json VARCHAR NOT NULL
);
INSERT INTO governance_decisions_unkeyed SELECT * FROM governance_decisions ORDER BY seq;
DROP TABLE governance_decisions;
ALTER TABLE governance_decisions_unkeyed RENAME TO governance_decisions;

CREATE TABLE audit_log_unkeyed (
  seq BIGINT NOT NULL,
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
INSERT INTO audit_log_unkeyed SELECT * FROM audit_log ORDER BY seq;
DROP TABLE audit_log;
ALTER TABLE audit_log_unkeyed RENAME TO audit_log;
