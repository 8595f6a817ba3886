-- Dated exchange rates for the reporting currency: one rate per day and currency pair,
-- typed in or loaded from a file (never downloaded). 1 from_currency = rate to_currency.
CREATE TABLE IF NOT EXISTS exchange_rates (
  rate_date DATE NOT NULL,
  from_currency VARCHAR NOT NULL,
  to_currency VARCHAR NOT NULL,
  rate DECIMAL(38,16) NOT NULL,
  source VARCHAR NOT NULL,                 -- the file loaded, or 'typed'
  loaded_at TIMESTAMP NOT NULL,
  PRIMARY KEY (rate_date, from_currency, to_currency)
);
