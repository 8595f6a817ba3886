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
  lockArea(area: string): Promise<void>;
  /** Runs `work` in one transaction (joining the current one when there is one). */
  transaction<T>(work: () => Promise<T>): Promise<T>;
}
