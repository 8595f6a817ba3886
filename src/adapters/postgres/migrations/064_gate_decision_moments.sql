-- The conformance report reads the gate's decisions about its period (the moment each was asked
-- about, in the entry's result) and those naming the period's changes, not the whole log.
-- Partial indexes on exactly the expressions the decision log selects by (SqlDecisionLog's
-- listGateDecisions), over gate entries only. The embedded engine has none: its decision log
-- keeps no index at all (migration 042), and a scan of the result text alone is its plan.
CREATE INDEX IF NOT EXISTS governance_decisions_gate_at
  ON governance_decisions ((CAST(result_json AS JSONB) ->> 'at'), seq) WHERE kind = 'gate';
CREATE INDEX IF NOT EXISTS governance_decisions_gate_change
  ON governance_decisions ((CAST(result_json AS JSONB) ->> 'changeId')) WHERE kind = 'gate';
