-- Invoices a provider sent (a plain CSV: invoice id, account, period, currency, amount, tax),
-- reconciled against the cost lines that carry their id, or their account and period.
CREATE TABLE IF NOT EXISTS invoices (
  invoice_id TEXT PRIMARY KEY,
  billing_account_id TEXT NOT NULL,
  period TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount NUMERIC(38,16) NOT NULL,
  tax NUMERIC(38,16) NOT NULL,
  source_path TEXT NOT NULL,
  loaded_at TIMESTAMP NOT NULL
);
