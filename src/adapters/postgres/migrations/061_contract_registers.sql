-- Licences, their usage, vendor contracts and SLA breaches (PostgreSQL): DuckDB's 061; every
-- change to a record is a new version, the newest of an id is the record now.
CREATE TABLE IF NOT EXISTS contract_record_versions (
  register TEXT COLLATE "C" NOT NULL,        -- 'licence' | 'licence-usage' | 'vendor-contract' | 'sla-breach'
  record_id TEXT COLLATE "C" NOT NULL,
  version INTEGER NOT NULL,
  changed_at TIMESTAMP NOT NULL,
  changed_by TEXT NOT NULL,
  record TEXT NOT NULL,                      -- JSON of the whole record, amounts as decimal strings
  PRIMARY KEY (register, record_id, version)
);
