-- Dated exchange rates for the reporting currency (PostgreSQL): DuckDB's 055.
CREATE TABLE IF NOT EXISTS exchange_rates (
  rate_date DATE NOT NULL,
  from_currency TEXT NOT NULL,
  to_currency TEXT NOT NULL,
  rate NUMERIC(38,16) NOT NULL,
  source TEXT NOT NULL,
  loaded_at TIMESTAMP NOT NULL,
  PRIMARY KEY (rate_date, from_currency, to_currency)
);
