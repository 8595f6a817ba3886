-- One row per scheduled kind and interval slot: a process that sends a scheduled job claims its
-- slot in the same transaction, so each slot's job is sent once across any number of processes.
CREATE TABLE IF NOT EXISTS job_schedule_slots (
  kind TEXT NOT NULL,
  slot_start TIMESTAMP NOT NULL,
  job_id TEXT NOT NULL,
  claimed_at TIMESTAMP NOT NULL,
  PRIMARY KEY (kind, slot_start)
);
