import type { GateDecision } from '../../../core/governance/gate/decide-deployment.js';
import type {
  DecisionFilter,
  DecisionLog,
  GateDecisionFilter,
  GovernanceDecision,
  LoggedGateResult,
} from '../../../ports/governance-store.js';
import type { SqlParams } from '../../../ports/sql-engine.js';
import { textColumns } from '../sql-columns.js';
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
  /** A field of a gate entry's result, as text (PostgreSQL keeps the JSON as TEXT). */
  private readonly resultField: (key: 'at' | 'changeId') => string;

  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
    private readonly appender: DecisionAppender,
  ) {
    // PostgreSQL: the same expression as the partial indexes of migration 064, so they serve it.
    this.resultField = (key) =>
      dialect.engine === 'postgres'
        ? `(CAST(result_json AS JSONB) ->> '${key}')`
        : `json_extract_string(result_json, '$.${key}')`;
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

  /**
   * The gate's decisions by the moment asked about and the change named, read from each entry's
   * result in the engine (the inputs, most of an entry's size, are not read). The gate writes
   * its `at` as ISO-8601 UTC with milliseconds (toISOString), so comparing it as text with
   * bounds written the same way compares times.
   */
  async listGateDecisions(filter: GateDecisionFilter): Promise<LoggedGateResult[]> {
    const where = ["kind = 'gate'"];
    const params: SqlParams = {};
    if (filter.from !== undefined) {
      where.push(`${this.resultField('at')} >= CAST($from AS TEXT)`);
      params.from = new Date(filter.from).toISOString();
    }
    if (filter.to !== undefined) {
      where.push(`${this.resultField('at')} < CAST($to AS TEXT)`);
      params.to = new Date(filter.to).toISOString();
    }
    if (filter.changeIds !== undefined) {
      if (filter.changeIds.length === 0) return [];
      where.push(
        `${this.resultField('changeId')} IN (SELECT c.change_id FROM ${this.dialect.jsonRows('changeIds', textColumns(['change_id']), 'c')})`,
      );
      params.changeIds = JSON.stringify([...new Set(filter.changeIds)].map((id) => ({ change_id: id })));
    }
    const rows = await this.db.all<{ seq_text: string; result_json: string }>(
      `SELECT CAST(seq AS TEXT) AS seq_text, result_json FROM governance_decisions
       WHERE ${where.join(' AND ')} ORDER BY seq`,
      params,
    );
    return rows.map((row) => ({
      seq: Number(row.seq_text),
      decision: JSON.parse(row.result_json) as GateDecision,
    }));
  }
}
