-- CI/CD webhook deliveries, one row per (provider, delivery id): a replayed delivery is
-- recognised and acknowledged without being acted on twice.
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  provider VARCHAR NOT NULL,               -- github | gitlab | argocd | generic
  delivery_id VARCHAR NOT NULL,
  event VARCHAR NOT NULL,
  received_at VARCHAR NOT NULL,
  outcome VARCHAR NOT NULL,                -- recorded | ignored | allow | deny | answer-failed | ...
  detail_json VARCHAR NOT NULL,
  PRIMARY KEY (provider, delivery_id)
);
