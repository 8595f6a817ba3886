-- Post-implementation reviews: one per change, with the cost against estimate as the reviewer
-- saw it (the release's actual from the bill; null when missing, never 0).
CREATE TABLE IF NOT EXISTS post_implementation_reviews (
  change_id VARCHAR PRIMARY KEY,
  outcome VARCHAR NOT NULL,
  reviewed_at TIMESTAMP NOT NULL,
  reviewer VARCHAR NOT NULL,
  lessons VARCHAR NOT NULL,
  incidents_json VARCHAR NOT NULL,
  cost_currency VARCHAR,
  change_estimate DECIMAL(38,16) NOT NULL,
  release_id VARCHAR,
  release_estimate DECIMAL(38,16),
  release_actual DECIMAL(38,16),
  actual_note VARCHAR,
  recorded_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
