import type { NewDecision } from '../sql/governance/decision-rows.js';
import type { DecisionAppender } from '../sql/governance/sql-decision-log.js';
import type { AppendColumn, DuckDbDatabase } from './duckdb-database.js';

/** The columns of governance_decisions in table order. */
const DECISION_COLUMNS: readonly AppendColumn[] = Object.values({
  seq: 'bigint',
  decided_at: 'timestamp',
  kind: 'varchar',
  subject: 'varchar',
  actor: 'varchar',
  decision: 'varchar',
  inputs_json: 'varchar',
  result_json: 'varchar',
} as const);

/** The last number handed out, per database (undefined until read from the log). */
interface Numbering {
  last: bigint | undefined;
  reading: Promise<void> | undefined;
}

const numberings = new WeakMap<DuckDbDatabase, Numbering>();

/**
 * The embedded decision log's appender. Entries are numbered here, not by the table's
 * sequence: this process is the file's only writer, so a counter started from the largest
 * number in the log (read once) hands out unique, increasing numbers, and entries go through
 * DuckDbDatabase.append, which takes values (held back until the commit, or through DuckDB's
 * appender), not nextval: a transaction that only appends is one call into DuckDB. A
 * rolled-back entry leaves a gap, as a sequence would. The counter belongs to the database
 * object, so two logs over one file agree. (governance_decision_seq is not used here.)
 */
export class DuckDbDecisionAppender implements DecisionAppender {
  private readonly numbering: Numbering;

  constructor(private readonly db: DuckDbDatabase) {
    let numbering = numberings.get(db);
    if (!numbering) {
      numbering = { last: undefined, reading: undefined };
      numberings.set(db, numbering);
    }
    this.numbering = numbering;
  }

  /** Several entries in one append, numbered in the order given. */
  async appendDecisions(entries: NewDecision[]): Promise<number[]> {
    if (entries.length === 0) return [];
    const first = await this.takeNumbers(entries.length);
    const now = new Date().toISOString();
    await this.db.append(
      'governance_decisions',
      DECISION_COLUMNS,
      entries.map((entry, index) => [
        first + BigInt(index),
        entry.at ?? now,
        entry.kind,
        entry.subject,
        entry.actor,
        entry.decision,
        JSON.stringify(entry.inputs ?? null),
        JSON.stringify(entry.result ?? null),
      ]),
    );
    return entries.map((_, index) => Number(first + BigInt(index)));
  }

  /** Reserves `count` numbers and returns the first. */
  private async takeNumbers(count: number): Promise<bigint> {
    const numbering = this.numbering;
    if (numbering.last === undefined) {
      // Every caller waits on the one read; the counter is set once, before any number is taken.
      numbering.reading ??= this.db
        .one<{ last: string | null }>('SELECT max(seq)::VARCHAR AS last FROM governance_decisions')
        .then((row) => {
          numbering.last ??= BigInt(row?.last ?? 0);
        })
        .finally(() => {
          numbering.reading = undefined;
        });
      await numbering.reading;
    }
    const first = numbering.last! + 1n;
    numbering.last = numbering.last! + BigInt(count);
    return first;
  }
}
