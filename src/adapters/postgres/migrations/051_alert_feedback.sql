-- Feedback on an alert: was it a true or a false positive? One verdict per alert (a later one
-- replaces it; the audit log keeps each change with its before and after). Counted by
-- `npm run bench:anomaly` and listed by `tollgate alerts feedback list`.
CREATE TABLE IF NOT EXISTS alert_feedback (
  alert_id BIGINT PRIMARY KEY,
  verdict TEXT NOT NULL CHECK (verdict IN ('true-positive', 'false-positive')),
  note TEXT,
  recorded_by TEXT NOT NULL,
  recorded_at TIMESTAMP NOT NULL
);
