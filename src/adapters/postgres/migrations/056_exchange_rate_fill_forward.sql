-- Rates filled forward name the published day they were carried from (PostgreSQL): DuckDB's 056.
ALTER TABLE exchange_rates ADD COLUMN IF NOT EXISTS filled_from DATE;
