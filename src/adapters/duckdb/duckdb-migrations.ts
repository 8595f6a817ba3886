import { readdir, readFile } from 'node:fs/promises';
import { TollgateError } from '../../core/errors.js';
import { packageRootPath } from '../package-root.js';
import type { DuckDbDatabase } from './duckdb-database.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export async function loadMigrations(folder = packageRootPath('src', 'adapters', 'duckdb', 'migrations')) {
  const files = (await readdir(folder)).filter((file) => MIGRATION_FILE.test(file)).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const [, version, name] = MIGRATION_FILE.exec(file)!;
    migrations.push({
      version: Number(version),
      name: name!,
      sql: await readFile(`${folder}/${file}`, 'utf8'),
    });
  }
  return migrations;
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
      throw new TollgateError(
        'MIGRATION_FAILED',
        `Migration ${String(migration.version).padStart(3, '0')}_${migration.name} failed and was not applied: ` +
          `${error instanceof Error ? error.message : String(error)}. The database is unchanged at the previous version.`,
        'internal',
      );
    }
    applied.push(migration.version);
  }
  return applied;
}
