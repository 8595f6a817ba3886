import { textColumns } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';
import type { NewDecision } from './decision-rows.js';
import type { DecisionAppender } from './sql-decision-log.js';

const BATCH_COLUMNS = [
  'seq',
  'at',
  'kind',
  'subject',
  'actor',
  'decision',
  'inputs_json',
  'result_json',
] as const;

/**
 * Numbers decision-log entries from the table's sequence (governance_decision_seq), so several
 * processes appending at once never collide: the server-mode appender. One entry is one
 * INSERT ... RETURNING; a batch draws its numbers first (sorted, since a set-returning nextval
 * promises no order), then goes in as one JSON array.
 */
export class SequenceDecisionAppender implements DecisionAppender {
  private readonly insertOne: string;
  private readonly insertBatch: string;

  constructor(
    private readonly db: SqlDatabase,
    dialect: SqlDialect,
  ) {
    this.insertOne = `INSERT INTO governance_decisions
      VALUES (nextval('governance_decision_seq'), COALESCE(CAST($at AS TIMESTAMP), ${dialect.nowUtc}),
        $kind, $subject, $actor, $decision, $inputs, $result)
      RETURNING CAST(seq AS TEXT) AS seq`;
    this.insertBatch = `INSERT INTO governance_decisions
      SELECT CAST(e.seq AS BIGINT), COALESCE(CAST(e.at AS TIMESTAMP), ${dialect.nowUtc}), e.kind, e.subject, e.actor, e.decision, e.inputs_json, e.result_json
      FROM ${dialect.jsonRows('entries', textColumns(BATCH_COLUMNS), 'e')}`;
  }

  async appendDecisions(entries: NewDecision[]): Promise<number[]> {
    if (entries.length === 0) return [];
    if (entries.length === 1) return [await this.appendOne(entries[0]!)];
    const seqs = (
      await this.db.all<{ seq: string }>(
        "SELECT CAST(nextval('governance_decision_seq') AS TEXT) AS seq FROM generate_series(1, CAST($count AS INTEGER))",
        { count: entries.length },
      )
    )
      .map((row) => Number(row.seq))
      .sort((a, b) => a - b);
    // Inputs and results travel as the JSON text Tollgate wrote, so they are stored as written.
    await this.db.run(this.insertBatch, {
      entries: JSON.stringify(
        entries.map((entry, index) => ({
          seq: String(seqs[index]),
          at: entry.at ?? null,
          kind: entry.kind,
          subject: entry.subject,
          actor: entry.actor,
          decision: entry.decision,
          inputs_json: JSON.stringify(entry.inputs ?? null),
          result_json: JSON.stringify(entry.result ?? null),
        })),
      ),
    });
    return seqs;
  }

  private async appendOne(entry: NewDecision): Promise<number> {
    const row = await this.db.one<{ seq: string }>(this.insertOne, {
      at: entry.at ?? null,
      kind: entry.kind,
      subject: entry.subject,
      actor: entry.actor,
      decision: entry.decision,
      inputs: JSON.stringify(entry.inputs ?? null),
      result: JSON.stringify(entry.result ?? null),
    });
    return Number(row!.seq);
  }
}
