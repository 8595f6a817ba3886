import type { DecisionLog, GovernanceDecision } from '../../ports/governance-store.js';
import type { DuckDbDatabase } from './duckdb-database.js';
import { isoColumn } from './duckdb-governance-sql.js';

/** The governance decision log: this adapter only inserts and reads, so entries are never changed. */
export class DuckDbDecisionLog implements DecisionLog {
  constructor(private readonly db: DuckDbDatabase) {}

  async appendDecision(entry: Omit<GovernanceDecision, 'seq' | 'at'> & { at?: string }): Promise<number> {
    const row = await this.db.one<{ seq: string }>(
      "SELECT nextval('governance_decision_seq')::VARCHAR AS seq",
    );
    const seq = Number(row!.seq);
    await this.db.run(
      `INSERT INTO governance_decisions VALUES ($seq, COALESCE(CAST($at AS TIMESTAMP), now()::TIMESTAMP), $kind, $subject, $actor,
         $decision, $inputs, $result)`,
      {
        seq,
        at: entry.at ?? null,
        kind: entry.kind,
        subject: entry.subject,
        actor: entry.actor,
        decision: entry.decision,
        inputs: JSON.stringify(entry.inputs ?? null),
        result: JSON.stringify(entry.result ?? null),
      },
    );
    return seq;
  }

  async listDecisions(
    filter: { kind?: string | undefined; subject?: string | undefined } = {},
  ): Promise<GovernanceDecision[]> {
    const rows = await this.db.all<{
      seq_text: string;
      at: string;
      kind: string;
      subject: string;
      actor: string;
      decision: string;
      inputs_json: string;
      result_json: string;
    }>(
      `SELECT seq::VARCHAR AS seq_text, ${isoColumn('decided_at', 'at')}, kind, subject, actor, decision, inputs_json, result_json FROM governance_decisions
       WHERE (CAST($kind AS VARCHAR) IS NULL OR kind = CAST($kind AS VARCHAR))
         AND (CAST($subject AS VARCHAR) IS NULL OR subject = CAST($subject AS VARCHAR))
       ORDER BY seq`,
      { kind: filter.kind ?? null, subject: filter.subject ?? null },
    );
    return rows.map((row) => ({
      seq: Number(row.seq_text),
      at: row.at,
      kind: row.kind,
      subject: row.subject,
      actor: row.actor,
      decision: row.decision,
      inputs: JSON.parse(row.inputs_json) as unknown,
      result: JSON.parse(row.result_json) as unknown,
    }));
  }
}
