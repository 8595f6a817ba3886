-- Allocated lines with the columns of the cost lines behind them, so cost queries can group by
-- owner next to any cost line dimension. Amounts are the allocated shares.
CREATE VIEW IF NOT EXISTS allocated_cost_lines AS
SELECT c.* EXCLUDE (billed_cost, effective_cost),
  a.billed_cost, a.effective_cost,
  a.team, a.service AS catalog_service, a.cost_centre, a.business_unit, a.environment,
  a.kind AS allocation_kind, a.rule_id AS allocation_rule, a.run_id AS allocation_run
FROM allocated_lines a JOIN cost_lines c USING (load_id, source_file, source_row);
