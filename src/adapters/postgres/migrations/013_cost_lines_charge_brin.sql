-- Cost queries the rollups cannot answer (by resource or by tag) filter the lines on
-- ChargePeriodStart, which is not the partition key: a BRIN index (a few pages per partition,
-- nearly free to keep up during COPY, as exports come roughly in time order) lets them skip
-- the blocks outside the range instead of reading every partition whole.
CREATE INDEX IF NOT EXISTS cost_lines_charge_start ON cost_lines USING brin (charge_period_start);
