import { loadMigrations } from '../../adapters/duckdb/duckdb-migrations.js';
import type { Stores } from '../../ports/stores.js';

export type Readiness = { ready: true; schemaVersion: number } | { ready: false; reason: string };

let expected: Promise<number[]> | undefined;

/** Ready when the database answers a query and holds every migration this build ships. */
export async function checkReadiness(stores: Stores): Promise<Readiness> {
  expected ??= loadMigrations().then((migrations) => migrations.map((migration) => migration.version));
  let applied: Set<number>;
  try {
    const rows = await stores.fileEngine.all<{ version: number }>('SELECT version FROM schema_migrations');
    applied = new Set(rows.map((row) => Number(row.version)));
  } catch {
    return {
      ready: false,
      reason: 'The database does not answer; check the server log and the database file.',
    };
  }
  const missing = (await expected).filter((version) => !applied.has(version));
  if (missing.length > 0) {
    return {
      ready: false,
      reason: `Migrations ${missing.join(', ')} are not applied; restart tollgate serve so it migrates the database.`,
    };
  }
  return { ready: true, schemaVersion: Math.max(0, ...applied) };
}
