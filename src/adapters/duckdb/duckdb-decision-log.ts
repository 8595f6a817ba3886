import type { DecisionLog, GovernanceDecision } from '../../ports/governance-store.js';
import type { DuckDbDatabase } from './duckdb-database.js';
import { isoColumn } from './duckdb-governance-sql.js';

/** The rows of entries as one JSON parameter ($rows of DECISION_ROWS). */
function decisionRows(entries: (Omit<GovernanceDecision, 'seq' | 'at'> & { at?: string })[]): string {
  return JSON.stringify(
    entries.map((entry) => ({
      at: entry.at ?? null,
      kind: entry.kind,
      subject: entry.subject,
      actor: entry.actor,
      decision: entry.decision,
      inputs: JSON.stringify(entry.inputs ?? null),
      result: JSON.stringify(entry.result ?? null),
    })),
  );
}

/** Decision-log rows from $rows, numbered from the sequence in the order listed. */
const DECISION_ROWS = `SELECT nextval('governance_decision_seq'), COALESCE(CAST(r.at AS TIMESTAMP), now()::TIMESTAMP), r.kind, r.subject, r.actor, r.decision, r.inputs, r.result
  FROM (SELECT unnest(from_json($rows, '[{"at":"VARCHAR","kind":"VARCHAR","subject":"VARCHAR","actor":"VARCHAR","decision":"VARCHAR","inputs":"VARCHAR","result":"VARCHAR"}]')) AS r)`;

/** The governance decision log: this adapter only inserts and reads, so entries are never changed. */
export class DuckDbDecisionLog implements DecisionLog {
  constructor(private readonly db: DuckDbDatabase) {}

  async appendDecision(entry: Omit<GovernanceDecision, 'seq' | 'at'> & { at?: string }): Promise<number> {
    const [seq] = await this.insertDecisions([entry]);
    return seq!;
  }

  /** Several entries in one INSERT, numbered in the order given. */
  async appendDecisions(
    entries: Omit<GovernanceDecision, 'seq' | 'at'>[],
    options: { numbers: boolean } = { numbers: true },
  ): Promise<number[]> {
    if (entries.length === 0) return [];
    if (options.numbers) return this.insertDecisions(entries);
    // Without RETURNING nothing is read back, so the prepared statement is kept (see
    // DuckDbDatabase): one call into DuckDB instead of five.
    await this.db.run(`INSERT INTO governance_decisions ${DECISION_ROWS}`, {
      rows: decisionRows(entries),
    });
    return [];
  }

  /**
   * One INSERT of one JSON parameter whatever the number of entries: binding one value costs
   * far less than binding seven per entry, and the statement text is the same every time.
   */
  private async insertDecisions(
    entries: (Omit<GovernanceDecision, 'seq' | 'at'> & { at?: string })[],
  ): Promise<number[]> {
    // unnest keeps the list's order and the rows take their numbers in that order, so the
    // sorted numbers follow the entries' order (the batch test checks this on a real file).
    const numbered = await this.db.all<{ seq: string }>(
      `INSERT INTO governance_decisions ${DECISION_ROWS} RETURNING seq::VARCHAR AS seq`,
      { rows: decisionRows(entries) },
    );
    return numbered.map((row) => Number(row.seq)).sort((a, b) => a - b);
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
