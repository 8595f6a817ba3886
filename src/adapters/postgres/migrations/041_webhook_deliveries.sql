-- CI/CD webhook deliveries, one row per (provider, delivery id): a replayed delivery is
-- recognised and acknowledged without being acted on twice, by any API process.
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  provider TEXT NOT NULL,                    -- github | gitlab | argocd | generic
  delivery_id TEXT NOT NULL,
  event TEXT NOT NULL,
  received_at TEXT NOT NULL,
  outcome TEXT NOT NULL,                     -- recorded | ignored | allow | deny | answer-failed | ...
  detail_json TEXT NOT NULL,
  PRIMARY KEY (provider, delivery_id)
);
