import type { AuditEntry } from '../../core/audit/audit-chain.js';
import type { AuditFilter, AuditLog } from '../../ports/audit-log.js';
import type { SqlParams } from '../../ports/sql-engine.js';
import { auditEntryRow } from '../sql/store-rows.js';
import type { AppendColumn, DuckDbDatabase } from './duckdb-database.js';

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
  'seq::VARCHAR AS seq, recorded_at AS at, actor, token_id, address, action, target, before_json, after_json, prev_hash, hash';
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

/** The columns of audit_log in table order (recorded_at is text: the entry's hash covers it as written). */
const ENTRY_COLUMNS: readonly AppendColumn[] = Object.values({
  seq: 'bigint',
  recorded_at: 'varchar',
  actor: 'varchar',
  token_id: 'varchar',
  address: 'varchar',
  action: 'varchar',
  target: 'varchar',
  before_json: 'varchar',
  after_json: 'varchar',
  prev_hash: 'varchar',
  hash: 'varchar',
} as const);

/** What is known of one database's head; shared by every audit log over that database. */
interface HeadState {
  head: { entry: AuditEntry | undefined } | undefined;
  pending: number;
  changes: number;
}

const heads = new WeakMap<DuckDbDatabase, HeadState>();

/**
 * The audit log of an embedded file. Its head (the newest entry, which the next entry chains
 * to) is kept in memory: this process is the file's only writer, so the head changes only
 * through append here.
 * 1. An append forgets the head and counts itself pending until its transaction settles; on
 *    commit the head becomes its last entry, on rollback it stays unknown.
 * 2. lastEntry answers from memory only while no append is pending anywhere (a transaction
 *    with its own uncommitted entries must see them; the database shows them to it).
 * 3. A head read from the database is kept only when no append started or settled meanwhile,
 *    so a read that raced with a commit never brings back an older head.
 * 4. The state belongs to the database object, so two audit logs over one file agree.
 */
export class DuckDbAuditLog implements AuditLog {
  private readonly state: HeadState;

  constructor(private readonly db: DuckDbDatabase) {
    let state = heads.get(db);
    if (!state) {
      state = { head: undefined, pending: 0, changes: 0 };
      heads.set(db, state);
    }
    this.state = state;
  }

  async lastEntry(): Promise<AuditEntry | undefined> {
    if (this.state.head && this.state.pending === 0) return this.state.head.entry;
    const changes = this.state.changes;
    // One scan of seq for its maximum, then the row groups whose min/max hold it: no sort.
    const row = await this.db.one<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log WHERE audit_log.seq = (SELECT max(seq) FROM audit_log)`,
    );
    const entry = row && toEntry(row);
    if (this.state.pending === 0 && changes === this.state.changes) this.state.head = { entry };
    return entry;
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.appendEntries([entry]);
  }

  /** Several entries in one append (see DuckDbDatabase.append: no statement, no thread hop). */
  async appendEntries(entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    this.state.head = undefined;
    this.state.pending += 1;
    this.state.changes += 1;
    let registered = false;
    try {
      await this.db.append(
        'audit_log',
        ENTRY_COLUMNS,
        entries.map((entry) => {
          const row = auditEntryRow(entry);
          return [
            row.seq,
            row.at,
            row.actor,
            row.tokenId,
            row.address,
            row.action,
            row.target,
            row.before,
            row.after,
            row.prevHash,
            row.hash,
          ];
        }),
      );
      const last = entries.at(-1)!;
      registered = true;
      this.db.afterTransaction((committed) => {
        this.state.pending -= 1;
        this.state.changes += 1;
        this.state.head = committed ? { entry: last } : undefined;
      });
    } finally {
      if (!registered) {
        // The statement failed: its transaction rolls back, and nothing is known of the head.
        this.state.pending -= 1;
        this.state.changes += 1;
        this.state.head = undefined;
      }
    }
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
