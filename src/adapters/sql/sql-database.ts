import type { SqlParams, SqlRow } from '../../ports/sql-engine.js';

/**
 * What a store shared by both engines needs of its database. `lockArea` serialises a
 * check-then-act across processes until the transaction ends (PostgreSQL's advisory lock);
 * the embedded file has a single writer, so there it has nothing to do.
 */
export interface SqlDatabase {
  all<T extends SqlRow = SqlRow>(sql: string, params?: SqlParams): Promise<T[]>;
  one<T extends SqlRow = SqlRow>(sql: string, params?: SqlParams): Promise<T | undefined>;
  run(sql: string, params?: SqlParams): Promise<void>;
  /**
   * Optional: runs a write whose outcome its caller does not read, possibly held back until
   * the transaction's next statement or its commit (sent in the same call). Its failure then
   * fails that statement, and so the transaction. Use through runWrite.
   */
  runHeldBack?(sql: string, params?: SqlParams): Promise<void>;
  lockArea(area: string): Promise<void>;
  /** Runs `work` in one transaction (nested calls join the outer one). */
  transaction<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * A write inside a transaction whose outcome the caller does not read: held back where the
 * engine can (the embedded file: it rides with the next statement or the COMMIT, so a batch's
 * writes cost no call into the database each), run at once where it cannot.
 */
export function runWrite(db: SqlDatabase, sql: string, params?: SqlParams): Promise<void> {
  return db.runHeldBack ? db.runHeldBack(sql, params) : db.run(sql, params);
}
