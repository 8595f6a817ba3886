import type { AuditEntry } from '../../core/audit/audit-chain.js';
import type { AuditWriter } from '../sql/access/audit-writer.js';
import { auditEntryValues, SqlAuditLog } from '../sql/access/sql-audit-log.js';
import type { AppendColumn, DuckDbDatabase } from './duckdb-database.js';
import { duckDbDialect } from './duckdb-dialect.js';

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
 * The audit writer of an embedded file. Its head (the newest entry, which the next entry
 * chains to) is kept in memory: this process is the file's only writer, so the head changes
 * only through append here. Entries go in through DuckDB's appender (no statement, no thread
 * hop: they ride along with the transaction's next statement or its COMMIT).
 * 1. An append forgets the head and counts itself pending until its transaction settles; on
 *    commit the head becomes its last entry, on rollback it stays unknown.
 * 2. lastEntry answers from memory only while no append is pending anywhere (a transaction
 *    with its own uncommitted entries must see them; the database shows them to it).
 * 3. A head read from the database is kept only when no append started or settled meanwhile,
 *    so a read that raced with a commit never brings back an older head.
 * 4. The state belongs to the database object, so two audit logs over one file agree.
 */
export class DuckDbAuditWriter implements AuditWriter {
  private readonly state: HeadState;

  constructor(private readonly db: DuckDbDatabase) {
    let state = heads.get(db);
    if (!state) {
      state = { head: undefined, pending: 0, changes: 0 };
      heads.set(db, state);
    }
    this.state = state;
  }

  async lastEntry(readHead: () => Promise<AuditEntry | undefined>): Promise<AuditEntry | undefined> {
    if (this.state.head && this.state.pending === 0) return this.state.head.entry;
    const changes = this.state.changes;
    const entry = await readHead();
    if (this.state.pending === 0 && changes === this.state.changes) this.state.head = { entry };
    return entry;
  }

  async appendEntries(entries: AuditEntry[]): Promise<void> {
    this.state.head = undefined;
    this.state.pending += 1;
    this.state.changes += 1;
    let registered = false;
    try {
      await this.db.append('audit_log', ENTRY_COLUMNS, entries.map(auditEntryValues));
      const last = entries.at(-1)!;
      registered = true;
      this.db.afterTransaction((committed) => {
        this.state.pending -= 1;
        this.state.changes += 1;
        this.state.head = committed ? { entry: last } : undefined;
      });
    } finally {
      if (!registered) {
        // The append failed: its transaction rolls back, and nothing is known of the head.
        this.state.pending -= 1;
        this.state.changes += 1;
        this.state.head = undefined;
      }
    }
  }
}

/** The embedded file's audit log: the shared SQL, with the head in memory and entries appended. */
export function openDuckDbAuditLog(db: DuckDbDatabase): SqlAuditLog {
  return new SqlAuditLog(db, duckDbDialect, new DuckDbAuditWriter(db));
}
