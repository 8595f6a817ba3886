import type { PgDatabase } from './pg-database.js';

/** A month's partition of cost_lines: cost_lines_YYYYMM (a Tollgate name, from a checked date). */
export function partitionName(monthStart: string): string {
  return `cost_lines_${monthStart.slice(0, 4)}${monthStart.slice(5, 7)}`;
}

const MONTH_START = /^\d{4}-\d{2}-01$/;

function nextMonth(monthStart: string): string {
  const year = Number(monthStart.slice(0, 4));
  const month = Number(monthStart.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/**
 * Creates the monthly partitions of cost_lines that do not exist yet (YYYY-MM-01 each).
 * Creating a partition locks the whole table (ACCESS EXCLUSIVE) until its transaction ends, so
 * when the caller's transaction has not touched cost_lines yet, the partitions are created
 * in a short transaction of their own on another connection (an empty partition is harmless if
 * the load then fails); when it has (a second file of one load), waiting for another
 * connection would wait for ourselves, so they are created inside the caller's transaction.
 * An advisory lock keeps two processes from creating the same partition at once.
 */
export async function ensureMonthPartitions(db: PgDatabase, months: string[]): Promise<void> {
  const wanted = months.filter((month) => MONTH_START.test(month));
  if (wanted.length === 0) return;
  const existing = new Set(
    (
      await db.all<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'cost_lines'::regclass`,
      )
    ).map((row) => row.name),
  );
  const missing = wanted.filter((month) => !existing.has(partitionName(month)));
  if (missing.length === 0) return;
  const create = async (run: (sql: string) => Promise<unknown>) => {
    await run("SELECT pg_advisory_xact_lock(hashtext('tollgate:cost-partitions'))");
    for (const month of missing) {
      await run(
        `CREATE TABLE IF NOT EXISTS ${partitionName(month)} PARTITION OF cost_lines
         FOR VALUES FROM ('${month} 00:00:00') TO ('${nextMonth(month)} 00:00:00')`,
      );
    }
  };
  if (db.inTransaction() && (await holdsCostLinesLock(db))) {
    await create((sql) => db.run(sql));
    return;
  }
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    await create((sql) => client.query(sql));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function holdsCostLinesLock(db: PgDatabase): Promise<boolean> {
  const row = await db.one(
    `SELECT 1 AS held FROM pg_locks WHERE pid = pg_backend_pid() AND granted
       AND relation IN (SELECT 'cost_lines'::regclass UNION ALL SELECT inhrelid FROM pg_inherits WHERE inhparent = 'cost_lines'::regclass)
     LIMIT 1`,
  );
  return row !== undefined;
}
