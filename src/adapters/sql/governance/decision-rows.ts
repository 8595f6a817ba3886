import type { DecisionFilter, GovernanceDecision } from '../../../ports/governance-store.js';

/** An entry to append: numbered and (unless given) timed by the log. */
export type NewDecision = Omit<GovernanceDecision, 'seq' | 'at'> & { at?: string };

/** A decision-log row as the log selects it. */
export interface DecisionRow extends Record<string, unknown> {
  seq_text: string;
  at: string;
  kind: string;
  subject: string;
  actor: string;
  decision: string;
  inputs_json: string;
  result_json: string;
}

export function decisionFromRow(row: DecisionRow): GovernanceDecision {
  return {
    seq: Number(row.seq_text),
    at: row.at,
    kind: row.kind,
    subject: row.subject,
    actor: row.actor,
    decision: row.decision,
    inputs: JSON.parse(row.inputs_json) as unknown,
    result: JSON.parse(row.result_json) as unknown,
  };
}

/** The parameters of a decision-log listing ($kind, $subject, $afterSeq, $limit; null when not given). */
export function decisionFilterParams(filter: DecisionFilter) {
  return {
    kind: filter.kind ?? null,
    subject: filter.subject ?? null,
    afterSeq: filter.afterSeq ?? null,
    limit: filter.limit ?? null,
  };
}
