import type { DecisionFilter, DecisionLog, GovernanceDecision } from '../../../ports/governance-store.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';
import {
  type DecisionRow,
  decisionFilterParams,
  decisionFromRow,
  type NewDecision,
} from './decision-rows.js';

/**
 * How an engine numbers and writes decision-log entries: the one part of the log that differs
 * (the embedded file numbers them in memory and appends them with the commit; PostgreSQL draws
 * numbers from the table's sequence, see SequenceDecisionAppender).
 */
export interface DecisionAppender {
  /**
   * Appends the entries in order and returns their numbers; with `{ numbers: false }` the
   * caller does not need them and the appender may answer [] without reading them back.
   */
  appendDecisions(entries: NewDecision[], options?: { numbers: boolean }): Promise<number[]>;
}

/**
 * The governance decision log: entries are appended (through the engine's appender) and read,
 * never changed; on PostgreSQL the table itself refuses UPDATE and DELETE (migration 020).
 */
export class SqlDecisionLog implements DecisionLog {
  private readonly listing: string;

  constructor(
    private readonly db: SqlDatabase,
    dialect: SqlDialect,
    private readonly appender: DecisionAppender,
  ) {
    this.listing = `SELECT CAST(seq AS TEXT) AS seq_text, ${dialect.isoColumn('decided_at', 'at')}, kind, subject, actor,
        decision, inputs_json, result_json
      FROM governance_decisions
      WHERE (CAST($kind AS TEXT) IS NULL OR kind = CAST($kind AS TEXT))
        AND (CAST($subject AS TEXT) IS NULL OR subject = CAST($subject AS TEXT))
        AND (CAST($afterSeq AS BIGINT) IS NULL OR seq > CAST($afterSeq AS BIGINT))
      ORDER BY seq
      LIMIT CAST($limit AS BIGINT)`;
  }

  async appendDecision(entry: NewDecision): Promise<number> {
    const [seq] = await this.appender.appendDecisions([entry]);
    return seq!;
  }

  appendDecisions(
    entries: Omit<GovernanceDecision, 'seq' | 'at'>[],
    options?: { numbers: boolean },
  ): Promise<number[]> {
    return this.appender.appendDecisions(entries, options);
  }

  async listDecisions(filter: DecisionFilter = {}): Promise<GovernanceDecision[]> {
    const rows = await this.db.all<DecisionRow>(this.listing, decisionFilterParams(filter));
    return rows.map(decisionFromRow);
  }
}
