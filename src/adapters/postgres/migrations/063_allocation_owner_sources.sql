-- Each allocation run keeps its owners' totals split by how they were assigned (a shared-cost
-- rule, a mapping rule, or none), per owner dimension, as JSON; NULL for runs stored before.
ALTER TABLE allocation_runs ADD COLUMN IF NOT EXISTS owner_sources TEXT;
