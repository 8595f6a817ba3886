-- Incidents carry what they cost and when they were noticed: detection time, the other
-- services they hit, responders' time (role and hours, costed at the rate card) and SLA
-- credits paid. Existing incidents keep NULL: nothing recorded, shown as missing.
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS detected_at TIMESTAMP;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS affected_services_json VARCHAR;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS responders_json VARCHAR;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS sla_credits DECIMAL(38,16);
