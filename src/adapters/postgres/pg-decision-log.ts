import type { DecisionFilter, DecisionLog, GovernanceDecision } from '../../ports/governance-store.js';
import { type DecisionRow, decisionFilterParams, decisionFromRow } from '../sql/store-rows.js';
import type { PgDatabase } from './pg-database.js';
import { isoColumn } from './pg-governance-sql.js';

/**
 * The governance decision log: this adapter only inserts and reads, and the table itself
 * refuses UPDATE and DELETE (migration 020), so entries are never changed. Sequence numbers
 * come from a PostgreSQL sequence, so processes appending at once never collide.
 */
export class PgDecisionLog implements DecisionLog {
  constructor(private readonly db: PgDatabase) {}

  async appendDecision(entry: Omit<GovernanceDecision, 'seq' | 'at'> & { at?: string }): Promise<number> {
    const row = await this.db.one<{ seq: string }>(
      `INSERT INTO governance_decisions
       VALUES (nextval('governance_decision_seq'), COALESCE(CAST($at AS TIMESTAMP), now() AT TIME ZONE 'UTC'),
         $kind, $subject, $actor, $decision, $inputs, $result)
       RETURNING seq`,
      {
        at: entry.at ?? null,
        kind: entry.kind,
        subject: entry.subject,
        actor: entry.actor,
        decision: entry.decision,
        inputs: JSON.stringify(entry.inputs ?? null),
        result: JSON.stringify(entry.result ?? null),
      },
    );
    return Number(row!.seq);
  }

  /**
   * Several entries in one statement, numbered in the order given: the numbers are drawn first
   * (sorted, since a set-returning nextval promises no order), then every row goes in as one
   * JSON array; inputs and results travel as the JSON text Tollgate wrote.
   */
  async appendDecisions(entries: Omit<GovernanceDecision, 'seq' | 'at'>[]): Promise<number[]> {
    if (entries.length === 0) return [];
    const seqs = (
      await this.db.all<{ seq: string }>(
        "SELECT nextval('governance_decision_seq')::TEXT AS seq FROM generate_series(1, CAST($count AS INTEGER))",
        { count: entries.length },
      )
    )
      .map((row) => Number(row.seq))
      .sort((a, b) => a - b);
    await this.db.run(
      `INSERT INTO governance_decisions
       SELECT CAST(e->>'seq' AS BIGINT), now() AT TIME ZONE 'UTC', e->>'kind', e->>'subject', e->>'actor', e->>'decision',
         e->>'inputs', e->>'result'
       FROM jsonb_array_elements(CAST($entries AS JSONB)) AS e`,
      {
        entries: JSON.stringify(
          entries.map((entry, index) => ({
            seq: seqs[index],
            kind: entry.kind,
            subject: entry.subject,
            actor: entry.actor,
            decision: entry.decision,
            inputs: JSON.stringify(entry.inputs ?? null),
            result: JSON.stringify(entry.result ?? null),
          })),
        ),
      },
    );
    return seqs;
  }

  async listDecisions(filter: DecisionFilter = {}): Promise<GovernanceDecision[]> {
    const rows = await this.db.all<DecisionRow>(
      `SELECT seq::TEXT AS seq_text, ${isoColumn('decided_at', 'at')}, kind, subject, actor, decision, inputs_json, result_json
       FROM governance_decisions
       WHERE (CAST($kind AS TEXT) IS NULL OR kind = CAST($kind AS TEXT))
         AND (CAST($subject AS TEXT) IS NULL OR subject = CAST($subject AS TEXT))
         AND (CAST($afterSeq AS BIGINT) IS NULL OR seq > CAST($afterSeq AS BIGINT))
       ORDER BY seq
       LIMIT CAST($limit AS BIGINT)`,
      decisionFilterParams(filter),
    );
    return rows.map(decisionFromRow);
  }
}
