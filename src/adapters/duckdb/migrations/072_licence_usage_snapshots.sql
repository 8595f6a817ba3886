-- Licence usage over time: who held each licence as of a day, one snapshot per licence and day
-- (a new load for the same day replaces that day's snapshot; other days are kept).
CREATE TABLE IF NOT EXISTS licence_usage_snapshots (
  licence_id VARCHAR NOT NULL,
  as_of DATE NOT NULL,
  loaded_at TIMESTAMP NOT NULL,
  loaded_by VARCHAR NOT NULL,
  record VARCHAR NOT NULL,                 -- JSON of the usage (licenceId, assignments)
  PRIMARY KEY (licence_id, as_of)
);

-- The usage loaded before snapshots existed becomes the snapshot of the day it was loaded.
INSERT INTO licence_usage_snapshots
SELECT v.record_id, CAST(v.changed_at AS DATE), v.changed_at, v.changed_by, v.record
FROM contract_record_versions v
JOIN (SELECT record_id, CAST(changed_at AS DATE) AS day, MAX(version) AS version
      FROM contract_record_versions WHERE register = 'licence-usage'
      GROUP BY record_id, CAST(changed_at AS DATE)) n
  ON n.record_id = v.record_id AND n.version = v.version
WHERE v.register = 'licence-usage'
ON CONFLICT DO NOTHING;
