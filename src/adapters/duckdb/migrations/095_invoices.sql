-- Invoices a provider sent (a plain CSV: invoice id, account, period, currency, amount, tax),
-- reconciled against the cost lines that carry their id, or their account and period.
CREATE TABLE IF NOT EXISTS invoices (
  invoice_id VARCHAR PRIMARY KEY,
  billing_account_id VARCHAR NOT NULL,
  period VARCHAR NOT NULL,                  -- YYYY-MM, the billing period it bills
  currency VARCHAR NOT NULL,
  amount DECIMAL(38,16) NOT NULL,           -- before tax
  tax DECIMAL(38,16) NOT NULL,
  source_path VARCHAR NOT NULL,
  loaded_at TIMESTAMP NOT NULL
);
