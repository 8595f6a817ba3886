import type { Command } from 'commander';
import { DuckDbDatabase } from '../../adapters/duckdb/duckdb-database.js';
import { loadMigrations, migrateDuckDb } from '../../adapters/duckdb/duckdb-migrations.js';
import { describePgUrl, PgDatabase } from '../../adapters/postgres/pg-database.js';
import { loadPgMigrations, migratePostgres } from '../../adapters/postgres/pg-migrations.js';
import { isPostgresUrl, loadConfig } from '../../config/tollgate-config.js';
import { type GlobalOptions, printJson } from '../cli-context.js';

interface MigrateResult {
  database: string;
  engine: 'postgresql' | 'duckdb';
  applied: number[];
  schemaVersion: number;
}

/**
 * Applies the migrations the database has not seen. Server mode runs this once per upgrade
 * (or lets each process do it on start, TOLLGATE_MIGRATE_ON_START); processes starting at
 * once wait for each other under an advisory lock, so no migration ever runs twice.
 */
async function migrateDatabase(db: string, config: ReturnType<typeof loadConfig>): Promise<MigrateResult> {
  if (isPostgresUrl(db)) {
    const pg = await PgDatabase.open({
      url: db,
      poolSize: 2,
      connectRetryMs: config.postgres.connectRetryMs,
    });
    try {
      const migrations = await loadPgMigrations();
      const applied = await migratePostgres(pg, migrations);
      return {
        database: describePgUrl(db),
        engine: 'postgresql',
        applied,
        schemaVersion: Math.max(0, ...migrations.map((migration) => migration.version)),
      };
    } finally {
      await pg.close();
    }
  }
  const duck = await DuckDbDatabase.open({
    path: db,
    memoryLimit: config.memoryLimit,
    threads: config.threads,
  });
  try {
    const migrations = await loadMigrations();
    const applied = await migrateDuckDb(duck, migrations);
    return {
      database: db,
      engine: 'duckdb',
      applied,
      schemaVersion: Math.max(0, ...migrations.map((migration) => migration.version)),
    };
  } finally {
    duck.close();
  }
}
export async function runMigrate(flags: { json?: boolean }, command: Command) {
  const config = loadConfig({ db: command.optsWithGlobals<GlobalOptions>().db });
  const result = await migrateDatabase(config.db, config);
  if (flags.json) {
    printJson(result);
    return;
  }
  process.stdout.write(
    result.applied.length === 0
      ? `${result.database} is up to date (schema version ${result.schemaVersion}).\n`
      : `${result.database}: applied ${result.applied.map((version) => String(version).padStart(3, '0')).join(', ')}; schema version ${result.schemaVersion}.\n`,
  );
}
