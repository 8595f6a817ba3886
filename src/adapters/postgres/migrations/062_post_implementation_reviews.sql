-- Post-implementation reviews: one per change, with the cost against estimate as the reviewer
-- saw it (the release's actual from the bill; null when missing, never 0).
CREATE TABLE IF NOT EXISTS post_implementation_reviews (
  change_id TEXT PRIMARY KEY,
  outcome TEXT NOT NULL,
  reviewed_at TIMESTAMP NOT NULL,
  reviewer TEXT NOT NULL,
  lessons TEXT NOT NULL,
  incidents_json TEXT NOT NULL,
  cost_currency TEXT,
  change_estimate NUMERIC(38,16) NOT NULL,
  release_id TEXT,
  release_estimate NUMERIC(38,16),
  release_actual NUMERIC(38,16),
  actual_note TEXT,
  recorded_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
