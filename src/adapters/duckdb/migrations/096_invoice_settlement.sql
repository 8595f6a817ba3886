-- How far an invoice may differ from its lines and still reconcile, per billing account, per
-- provider or by default (absolute in the invoice's currency, percent of the invoice total;
-- when both are stated the stricter applies). No row: exact.
CREATE TABLE IF NOT EXISTS invoice_tolerances (
  scope VARCHAR NOT NULL,                   -- 'default', 'provider' or 'account'
  scope_key VARCHAR NOT NULL,               -- the provider name or account id ('' for default)
  absolute_amount DECIMAL(38,16),
  percent DECIMAL(38,16),
  set_by VARCHAR NOT NULL,
  set_at TIMESTAMP NOT NULL,
  PRIMARY KEY (scope, scope_key)
);

-- A difference someone accepted with a reason: it holds while the invoice's difference is the
-- amount accepted (new lines or a reloaded invoice make it open again).
CREATE TABLE IF NOT EXISTS invoice_acceptances (
  invoice_id VARCHAR PRIMARY KEY,
  difference DECIMAL(38,16) NOT NULL,
  reason VARCHAR NOT NULL,
  accepted_by VARCHAR NOT NULL,
  accepted_at TIMESTAMP NOT NULL
);
