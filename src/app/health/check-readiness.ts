import { loadMigrations } from '../../adapters/duckdb/duckdb-migrations.js';
import type { Stores } from '../../ports/stores.js';

export type Readiness = { ready: true; schemaVersion: number } | { ready: false; reason: string };

/** Server mode's stores say which migrations the database has and which this build ships. */
interface VersionedStores {
  schemaVersions(): Promise<{ applied: number[]; expected: number[] }>;
}

function hasSchemaVersions(stores: Stores): stores is Stores & VersionedStores {
  return typeof (stores as Partial<VersionedStores>).schemaVersions === 'function';
}

let expectedDuckDb: Promise<number[]> | undefined;

/** The embedded file's versions: schema_migrations in the DuckDB file against the shipped migrations. */
async function embeddedVersions(stores: Stores): Promise<{ applied: number[]; expected: number[] }> {
  expectedDuckDb ??= loadMigrations().then((migrations) => migrations.map((migration) => migration.version));
  const rows = await stores.fileEngine.all<{ version: number }>('SELECT version FROM schema_migrations');
  return { applied: rows.map((row) => Number(row.version)), expected: await expectedDuckDb };
}

/**
 * Ready when the database answers a query and holds every migration this build ships: the
 * PostgreSQL database in server mode (its file engine is an in-memory DuckDB that holds no
 * data), the DuckDB file in embedded mode.
 */
export async function checkReadiness(stores: Stores): Promise<Readiness> {
  const serverMode = hasSchemaVersions(stores);
  let versions: { applied: number[]; expected: number[] };
  try {
    versions = serverMode ? await stores.schemaVersions() : await embeddedVersions(stores);
  } catch {
    return {
      ready: false,
      reason: serverMode
        ? 'PostgreSQL does not answer; check that it is running and reachable at TOLLGATE_DB, and the server log.'
        : 'The database does not answer; check the server log and the database file.',
    };
  }
  const applied = new Set(versions.applied);
  const missing = versions.expected.filter((version) => !applied.has(version));
  if (missing.length > 0) {
    return {
      ready: false,
      reason: serverMode
        ? `Migrations ${missing.join(', ')} are not applied; run tollgate migrate (or restart with TOLLGATE_MIGRATE_ON_START on).`
        : `Migrations ${missing.join(', ')} are not applied; restart tollgate serve so it migrates the database.`,
    };
  }
  return { ready: true, schemaVersion: Math.max(0, ...applied) };
}
