-- Loads of billing sources and the FOCUS cost lines they brought.
CREATE SEQUENCE IF NOT EXISTS load_id_seq START 1;

CREATE TABLE IF NOT EXISTS loads (
  id BIGINT PRIMARY KEY,
  source_format VARCHAR NOT NULL,          -- 'focus'
  focus_version VARCHAR,
  input_path VARCHAR NOT NULL,
  content_hash VARCHAR NOT NULL,           -- sha256 over the sorted file hashes
  file_count INTEGER NOT NULL,
  row_count BIGINT NOT NULL,
  rejected_count BIGINT NOT NULL,
  warnings VARCHAR NOT NULL,               -- JSON object: warning kind -> count
  status VARCHAR NOT NULL,                 -- 'active' | 'replaced' | 'removed'
  loaded_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS load_files (
  load_id BIGINT NOT NULL,
  path VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  bytes BIGINT NOT NULL,
  row_count BIGINT NOT NULL
);

-- One row per (load, provider, billing account, billing period, currency): what a load covers,
-- and which later load replaced it.
CREATE TABLE IF NOT EXISTS load_periods (
  load_id BIGINT NOT NULL,
  provider_name VARCHAR NOT NULL,
  billing_account_id VARCHAR NOT NULL,
  billing_period_start TIMESTAMP NOT NULL,
  billing_currency VARCHAR NOT NULL,
  row_count BIGINT NOT NULL,
  billed_cost DECIMAL(38,16) NOT NULL,
  effective_cost DECIMAL(38,16) NOT NULL,
  replaced_by_load_id BIGINT
);

CREATE TABLE IF NOT EXISTS cost_lines (
  load_id BIGINT NOT NULL,
  source_file VARCHAR NOT NULL,
  source_row BIGINT NOT NULL,
  availability_zone VARCHAR,
  billed_cost DECIMAL(38,16),
  billing_account_id VARCHAR,
  billing_account_name VARCHAR,
  billing_account_type VARCHAR,
  billing_currency VARCHAR,
  billing_period_end TIMESTAMP,
  billing_period_start TIMESTAMP,
  capacity_reservation_id VARCHAR,
  capacity_reservation_status VARCHAR,
  charge_category VARCHAR,
  charge_class VARCHAR,
  charge_description VARCHAR,
  charge_frequency VARCHAR,
  charge_period_end TIMESTAMP,
  charge_period_start TIMESTAMP,
  commitment_discount_category VARCHAR,
  commitment_discount_id VARCHAR,
  commitment_discount_name VARCHAR,
  commitment_discount_quantity DECIMAL(38,16),
  commitment_discount_status VARCHAR,
  commitment_discount_type VARCHAR,
  commitment_discount_unit VARCHAR,
  consumed_quantity DECIMAL(38,16),
  consumed_unit VARCHAR,
  contracted_cost DECIMAL(38,16),
  contracted_unit_price DECIMAL(38,16),
  effective_cost DECIMAL(38,16),
  invoice_id VARCHAR,
  invoice_issuer_name VARCHAR,
  list_cost DECIMAL(38,16),
  list_unit_price DECIMAL(38,16),
  pricing_category VARCHAR,
  pricing_currency VARCHAR,
  pricing_currency_contracted_unit_price DECIMAL(38,16),
  pricing_currency_effective_cost DECIMAL(38,16),
  pricing_currency_list_unit_price DECIMAL(38,16),
  pricing_quantity DECIMAL(38,16),
  pricing_unit VARCHAR,
  provider_name VARCHAR,
  publisher_name VARCHAR,
  region_id VARCHAR,
  region_name VARCHAR,
  resource_id VARCHAR,
  resource_name VARCHAR,
  resource_type VARCHAR,
  service_category VARCHAR,
  service_name VARCHAR,
  service_subcategory VARCHAR,
  sku_id VARCHAR,
  sku_meter VARCHAR,
  sku_price_details VARCHAR,
  sku_price_id VARCHAR,
  sub_account_id VARCHAR,
  sub_account_name VARCHAR,
  sub_account_type VARCHAR,
  tags VARCHAR,                            -- JSON object of the line's tags, or NULL
  extras VARCHAR                           -- JSON object of provider columns (x_ names), or NULL
);
