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
  /** The newest committed entry (undefined: not known, read it from the file). */
  committed: { entry: AuditEntry } | { entry: undefined } | undefined;
  /**
   * The newest entry appended by the write transaction now open (undefined: none appended
   * yet; 'unknown': an append of it failed, so only the database knows).
   */
  open: { entry: AuditEntry } | 'unknown' | undefined;
  /** Bumped by every append and every settle, so a racing read of the file is not kept. */
  changes: number;
}

const heads = new WeakMap<DuckDbDatabase, HeadState>();

/**
 * The audit writer of an embedded file. Its head (the newest entry, which the next entry
 * chains to) is kept in memory: this process is the file's only writer (DuckDB refuses a
 * second process the file: DB_LOCKED) and its write transactions run one at a time
 * (DuckDbDatabase's single writer), so the head changes only through append here.
 * Entries go in through DuckDB's appender (no statement, no thread hop: they ride along with
 * the transaction's next statement or its COMMIT).
 * 1. The committed head is read from the file once (the first time it is asked for), then
 *    follows the commits: an append inside the write transaction becomes the open head; when
 *    that transaction commits, the committed head; when it rolls back, the committed head is
 *    read again next time (a failed COMMIT says nothing certain of what the file holds).
 * 2. Inside the write transaction lastEntry answers the open head (its own uncommitted
 *    entries, which the database shows it too), else the committed one. Transactions that
 *    share one commit (group commit) thus chain to each other without reading the file.
 * 3. Outside it (the checkpoint anchor after an answer, verify) lastEntry answers the
 *    committed head: what any other connection reads from the file.
 * 4. A head read from the file is kept only when no append started or settled meanwhile, so
 *    a read that raced with a commit never brings back an older head.
 * 5. The state belongs to the database object, so two audit logs over one file agree.
 */
export class DuckDbAuditWriter implements AuditWriter {
  private readonly state: HeadState;

  constructor(private readonly db: DuckDbDatabase) {
    let state = heads.get(db);
    if (!state) {
      state = { committed: undefined, open: undefined, changes: 0 };
      heads.set(db, state);
    }
    this.state = state;
  }

  async lastEntry(readHead: () => Promise<AuditEntry | undefined>): Promise<AuditEntry | undefined> {
    const state = this.state;
    const inTransaction = this.db.inTransaction();
    if (inTransaction && state.open !== undefined) {
      // After a failed append only the database knows this transaction's head; it is not kept.
      return state.open === 'unknown' ? readHead() : state.open.entry;
    }
    if (state.committed) return state.committed.entry;
    const changes = state.changes;
    const entry = await readHead();
    if (changes === state.changes) state.committed = { entry };
    return entry;
  }

  async appendEntries(entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const state = this.state;
    const last = entries.at(-1)!;
    const rows = entries.map(auditEntryValues);
    state.changes += 1;
    if (!this.db.inTransaction()) {
      // Autocommit: committed once the appender has flushed.
      try {
        await this.db.append('audit_log', ENTRY_COLUMNS, rows);
        state.committed = { entry: last };
      } catch (error) {
        state.committed = undefined;
        throw error;
      } finally {
        state.changes += 1;
      }
      return;
    }
    if (state.open === undefined) {
      // The transaction's first append: when it settles, its open head becomes the committed one.
      this.db.afterTransaction((committed) => {
        state.changes += 1;
        state.committed = committed && state.open !== 'unknown' ? state.open : undefined;
        state.open = undefined;
      });
    }
    state.open = { entry: last };
    try {
      await this.db.append('audit_log', ENTRY_COLUMNS, rows);
    } catch (error) {
      state.open = 'unknown';
      state.changes += 1;
      throw error;
    }
  }
}

/** The embedded file's audit log: the shared SQL, with the head in memory and entries appended. */
export function openDuckDbAuditLog(db: DuckDbDatabase): SqlAuditLog {
  return new SqlAuditLog(db, duckDbDialect, new DuckDbAuditWriter(db));
}
