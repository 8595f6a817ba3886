import type { AuditEntry } from '../../../core/audit/audit-chain.js';
import type { AuditFilter, AuditLog } from '../../../ports/audit-log.js';
import type { SqlParams } from '../../../ports/sql-engine.js';
import { textColumns } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';
import type { AuditWriter } from './audit-writer.js';

interface AuditRow extends Record<string, unknown> {
  seq: string;
  at: string;
  actor: string;
  token_id: string | null;
  address: string | null;
  action: string;
  target: string;
  before_json: string;
  after_json: string;
  prev_hash: string;
  hash: string;
}

const COLUMNS =
  'CAST(seq AS TEXT) AS seq, recorded_at AS at, actor, token_id, address, action, target, before_json, after_json, prev_hash, hash';
/** The keys of an entry's row in the JSON array a batch insert reads, in table order. */
const ENTRY_COLUMNS = [
  'seq',
  'recorded_at',
  'actor',
  'token_id',
  'address',
  'action',
  'target',
  'before_json',
  'after_json',
  'prev_hash',
  'hash',
] as const;
const PAGE = 5000;

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    tokenId: row.token_id,
    address: row.address,
    action: row.action,
    target: row.target,
    before: JSON.parse(row.before_json),
    after: JSON.parse(row.after_json),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * An audit entry as the values of its row, in table order. Before and after travel as the
 * JSON text Tollgate wrote (recorded_at as its ISO text), so the stored text is what was hashed.
 */
export function auditEntryValues(entry: AuditEntry): [number, ...(string | null)[]] {
  return [
    entry.seq,
    entry.at,
    entry.actor,
    entry.tokenId,
    entry.address,
    entry.action,
    entry.target,
    JSON.stringify(entry.before ?? null),
    JSON.stringify(entry.after ?? null),
    entry.prevHash,
    entry.hash,
  ];
}

/**
 * The append-only, hash-chained audit log, in the same table and SQL on DuckDB and PostgreSQL;
 * the engine's `AuditWriter` says how the head is found and entries are written.
 */
export class SqlAuditLog implements AuditLog {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
    private readonly writer: AuditWriter,
  ) {}

  /** The newest entry; call inside the writing transaction. */
  lastEntry(): Promise<AuditEntry | undefined> {
    return this.writer.lastEntry(async () => {
      // The maximum of seq, then the row that holds it: an index lookup in PostgreSQL, and
      // in DuckDB (no index) one scan of seq and the row groups whose min/max hold it, no sort.
      const row = await this.db.one<AuditRow>(
        `SELECT ${COLUMNS} FROM audit_log WHERE audit_log.seq = (SELECT max(seq) FROM audit_log)`,
      );
      return row && toEntry(row);
    });
  }

  append(entry: AuditEntry): Promise<void> {
    return this.appendEntries([entry]);
  }

  /** Several chained entries at once (the gate writes its audit entries in batches); call after lastEntry in the same transaction. */
  async appendEntries(entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.writer.appendEntries(entries, (batch) =>
      this.db.run(
        `INSERT INTO audit_log
         SELECT CAST(e.seq AS BIGINT), ${ENTRY_COLUMNS.slice(1)
           .map((column) => `e.${column}`)
           .join(', ')}
         FROM ${this.dialect.jsonRows('entries', textColumns(ENTRY_COLUMNS), 'e')}`,
        {
          entries: JSON.stringify(
            batch.map((entry) => {
              const values = auditEntryValues(entry);
              return Object.fromEntries(ENTRY_COLUMNS.map((column, index) => [column, values[index]]));
            }),
          ),
        },
      ),
    );
  }

  async listEntries(filter: AuditFilter): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: SqlParams = { limit: filter.limit ?? 100 };
    if (filter.actor !== undefined) {
      where.push('actor = $actor');
      params.actor = filter.actor;
    }
    if (filter.action !== undefined) {
      where.push('(action = $action OR starts_with(action, $actionPrefix))');
      params.action = filter.action;
      params.actionPrefix = `${filter.action}.`;
    }
    if (filter.target !== undefined) {
      where.push('target = $target');
      params.target = filter.target;
    }
    if (filter.since !== undefined) {
      where.push('recorded_at >= $since');
      params.since = filter.since;
    }
    if (filter.until !== undefined) {
      where.push('recorded_at < $until');
      params.until = filter.until;
    }
    if (filter.afterSeq !== undefined) {
      where.push('audit_log.seq > $afterSeq');
      params.afterSeq = filter.afterSeq;
    }
    const rows = await this.db.all<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY audit_log.seq LIMIT $limit`,
      params,
    );
    return rows.map(toEntry);
  }

  async readAll(onPage: (entries: AuditEntry[]) => void | Promise<void>): Promise<void> {
    // Pages by row position, not by seq, so verification sees gaps and duplicates as stored.
    for (let offset = 0; ; offset += PAGE) {
      const rows = await this.db.all<AuditRow>(
        `SELECT ${COLUMNS} FROM audit_log ORDER BY audit_log.seq, audit_log.hash LIMIT ${PAGE} OFFSET $offset`,
        { offset },
      );
      if (rows.length > 0) await onPage(rows.map(toEntry));
      if (rows.length < PAGE) return;
    }
  }
}
