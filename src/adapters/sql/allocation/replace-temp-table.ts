import type { SqlParams } from '../../../ports/sql-engine.js';
import type { SqlDatabase } from '../sql-database.js';

/**
 * Runs one of the allocation printer's statements; `CREATE OR REPLACE TEMP TABLE` becomes
 * DROP + CREATE, which both engines run (PostgreSQL has no OR REPLACE for tables).
 */
export async function replaceTempTable(db: SqlDatabase, sql: string, params?: SqlParams): Promise<void> {
  const match = /^\s*CREATE OR REPLACE TEMP TABLE (\w+)/i.exec(sql);
  if (!match) {
    await db.run(sql, params);
    return;
  }
  await db.run(`DROP TABLE IF EXISTS ${match[1]}`);
  await db.run(sql.replace(/^\s*CREATE OR REPLACE TEMP TABLE/i, 'CREATE TEMP TABLE'), params);
}
