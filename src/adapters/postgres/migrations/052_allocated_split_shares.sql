-- A shared row of an allocation run keeps its part of its charge's other summable metrics (list
-- and contracted cost, the quantities, the pricing-currency cost), split when the run writes it
-- in the ratio of its billed share with the remainder to the last share (see
-- src/adapters/sql/allocation/split-share-metrics.ts), and split_stored marks that it does. The
-- FOCUS export reads them instead of splitting the period again. Rows of runs stored before stay
-- NULL (split_stored too): the export splits those as it reads them.
ALTER TABLE allocated_lines
  ADD COLUMN IF NOT EXISTS share_list_cost NUMERIC(38,16),
  ADD COLUMN IF NOT EXISTS share_contracted_cost NUMERIC(38,16),
  ADD COLUMN IF NOT EXISTS share_consumed_quantity NUMERIC(38,16),
  ADD COLUMN IF NOT EXISTS share_pricing_quantity NUMERIC(38,16),
  ADD COLUMN IF NOT EXISTS share_commitment_discount_quantity NUMERIC(38,16),
  ADD COLUMN IF NOT EXISTS share_pricing_currency_effective_cost NUMERIC(38,16),
  ADD COLUMN IF NOT EXISTS split_stored BOOLEAN;
