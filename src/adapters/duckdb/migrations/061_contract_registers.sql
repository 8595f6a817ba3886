-- Licences, their usage, vendor contracts and SLA breaches: one table of versioned records per
-- register (every change is a new version; the newest of an id is the record now).
CREATE TABLE IF NOT EXISTS contract_record_versions (
  register VARCHAR NOT NULL,               -- 'licence' | 'licence-usage' | 'vendor-contract' | 'sla-breach'
  record_id VARCHAR NOT NULL,
  version INTEGER NOT NULL,
  changed_at TIMESTAMP NOT NULL,
  changed_by VARCHAR NOT NULL,
  record VARCHAR NOT NULL,                 -- JSON of the whole record, amounts as decimal strings
  PRIMARY KEY (register, record_id, version)
);
