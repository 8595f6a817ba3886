-- The FOCUS datasets that are not cost lines (src/core/focus/focus-datasets.ts): ContractCommitment,
-- BillingPeriod and InvoiceDetail, one table each, one shape. record_key is the JSON array of the
-- record's key values; a record loaded again replaces the earlier one with the same key.
CREATE TABLE IF NOT EXISTS focus_contract_commitments (
  record_key VARCHAR NOT NULL,
  period_start TIMESTAMP,
  period_end TIMESTAMP,
  amount DECIMAL(38,16),
  currency VARCHAR,
  label VARCHAR,
  attributes VARCHAR NOT NULL,            -- JSON object: every column of the row, as given
  source_file VARCHAR NOT NULL,
  source_row BIGINT NOT NULL,
  loaded_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS focus_billing_periods (
  record_key VARCHAR NOT NULL,
  period_start TIMESTAMP,
  period_end TIMESTAMP,
  amount DECIMAL(38,16),
  currency VARCHAR,
  label VARCHAR,
  attributes VARCHAR NOT NULL,            -- JSON object: every column of the row, as given
  source_file VARCHAR NOT NULL,
  source_row BIGINT NOT NULL,
  loaded_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS focus_invoice_details (
  record_key VARCHAR NOT NULL,
  period_start TIMESTAMP,
  period_end TIMESTAMP,
  amount DECIMAL(38,16),
  currency VARCHAR,
  label VARCHAR,
  attributes VARCHAR NOT NULL,            -- JSON object: every column of the row, as given
  source_file VARCHAR NOT NULL,
  source_row BIGINT NOT NULL,
  loaded_at TIMESTAMP NOT NULL
);
