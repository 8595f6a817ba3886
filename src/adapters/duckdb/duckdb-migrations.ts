import { packageRootPath } from '../package-root.js';
import { loadMigrationFolder, type Migration, migrationFailed } from '../sql/sql-migrations.js';
import type { DuckDbDatabase } from './duckdb-database.js';

export type { Migration } from '../sql/sql-migrations.js';

/** The embedded engine's migrations, in order. */
export function loadMigrations(
  folder = packageRootPath('src', 'adapters', 'duckdb', 'migrations'),
): Promise<Migration[]> {
  return loadMigrationFolder(folder);
}

/**
 * Applies the migrations this database has not seen, in order, each in its own transaction,
 * so a failed migration leaves the database at the previous version and says which one failed.
 */
export async function migrateDuckDb(db: DuckDbDatabase, migrations: Migration[]): Promise<number[]> {
  await db.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)',
  );
  const done = new Set(
    (await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version),
  );
  const applied: number[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    try {
      await db.transaction(async () => {
        await db.run(migration.sql);
        await db.run('INSERT INTO schema_migrations VALUES ($version, $name, now()::TIMESTAMP)', {
          version: migration.version,
          name: migration.name,
        });
      });
    } catch (error) {
      throw migrationFailed(migration, error);
    }
    applied.push(migration.version);
  }
  return applied;
}
