-- Rates filled forward (rates load --fill-forward) name the published day they were carried
-- from; NULL for a rate its source gave for its own day.
ALTER TABLE exchange_rates ADD COLUMN IF NOT EXISTS filled_from DATE;
