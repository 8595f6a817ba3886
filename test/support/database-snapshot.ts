import { DuckDBInstance } from '@duckdb/node-api';

/**
 * Everything a user could see in a database, summarised: each table's row count and a hash of
 * its content. Two equal snapshots mean nothing was written. Opens and closes the file, so take
 * it only while no CLI process holds the database.
 */
export async function snapshotDatabase(path: string): Promise<Record<string, string>> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const tables = (
      await connection.runAndReadAll(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1",
      )
    ).getRowObjectsJson() as { table_name: string }[];
    const snapshot: Record<string, string> = {};
    for (const { table_name } of tables) {
      const reader = await connection.runAndReadAll(
        `SELECT count(*)::VARCHAR AS n, COALESCE(sum(hash(t)), 0)::VARCHAR AS h FROM "${table_name}" t`,
      );
      const row = reader.getRowObjectsJson()[0] as { n: string; h: string };
      snapshot[table_name] = `${row.n}:${row.h}`;
    }
    return snapshot;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
