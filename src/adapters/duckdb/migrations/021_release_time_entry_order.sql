-- Time entries logged in one transaction share their logged_at (now() is the transaction's
-- start), so a listing needs one more key to keep the order they were logged in, as
-- PostgreSQL's release_time_entries has had from the start (entry_seq, an identity). Existing
-- entries are numbered in the order they were stored.
CREATE SEQUENCE IF NOT EXISTS release_time_entry_seq START 1;
ALTER TABLE release_time_entries ADD COLUMN IF NOT EXISTS entry_seq BIGINT DEFAULT nextval('release_time_entry_seq');
