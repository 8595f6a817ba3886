-- How far an invoice may differ from its lines and still reconcile, per billing account, per
-- provider or by default (absolute in the invoice's currency, percent of the invoice total;
-- when both are stated the stricter applies). No row: exact.
CREATE TABLE IF NOT EXISTS invoice_tolerances (
  scope TEXT NOT NULL,
  scope_key TEXT NOT NULL,
  absolute_amount NUMERIC(38,16),
  percent NUMERIC(38,16),
  set_by TEXT NOT NULL,
  set_at TIMESTAMP NOT NULL,
  PRIMARY KEY (scope, scope_key)
);

-- A difference someone accepted with a reason: it holds while the invoice's difference is the
-- amount accepted (new lines or a reloaded invoice make it open again).
CREATE TABLE IF NOT EXISTS invoice_acceptances (
  invoice_id TEXT PRIMARY KEY,
  difference NUMERIC(38,16) NOT NULL,
  reason TEXT NOT NULL,
  accepted_by TEXT NOT NULL,
  accepted_at TIMESTAMP NOT NULL
);
