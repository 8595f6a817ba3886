-- A recurring freeze is read on the clock of an IANA time zone ("no deploys after 16:00
-- Europe/Berlin on Fridays"); NULL reads it in UTC, as every freeze was before.
ALTER TABLE deployment_freezes ADD COLUMN IF NOT EXISTS time_zone VARCHAR;
