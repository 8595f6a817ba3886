import { packageRootPath } from '../package-root.js';
import { loadMigrationFolder, type Migration, migrationFailed } from '../sql/sql-migrations.js';
import type { PgDatabase } from './pg-database.js';

/** PostgreSQL's migrations live beside DuckDB's and are numbered in the same ranges. */
export function loadPgMigrations(): Promise<Migration[]> {
  return loadMigrationFolder(packageRootPath('src', 'adapters', 'postgres', 'migrations'));
}

/**
 * Applies the migrations this database has not seen, in order, all under one advisory lock,
 * so two processes starting at once never run a migration twice: the second waits, then finds
 * nothing left to do. Each migration runs in its own transaction (PostgreSQL DDL is
 * transactional), so a failed one leaves nothing of itself behind and says which one failed.
 */
export async function migratePostgres(db: PgDatabase, migrations: Migration[]): Promise<number[]> {
  return db.withClient(async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['tollgate:migrations']);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)',
      );
      const done = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
          (row) => row.version,
        ),
      );
      const applied: number[] = [];
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        try {
          await client.query('BEGIN');
          await client.query(migration.sql);
          await client.query("INSERT INTO schema_migrations VALUES ($1, $2, now() AT TIME ZONE 'UTC')", [
            migration.version,
            migration.name,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw migrationFailed(migration, error);
        }
        applied.push(migration.version);
      }
      return applied;
    } finally {
      await client
        .query('SELECT pg_advisory_unlock(hashtext($1))', ['tollgate:migrations'])
        .catch(() => undefined);
    }
  });
}
