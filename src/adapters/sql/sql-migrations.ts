import { readdir, readFile } from 'node:fs/promises';
import { TollgateError } from '../../core/errors.js';

/** One numbered SQL file of an engine's migrations folder. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** Reads `NNN_name.sql` files of one folder, in version order. */
export async function loadMigrationFolder(folder: string): Promise<Migration[]> {
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

/** The error of a migration that failed: its own transaction rolled back, so nothing of it stays. */
export function migrationFailed(migration: Migration, error: unknown): TollgateError {
  return new TollgateError(
    'MIGRATION_FAILED',
    `Migration ${String(migration.version).padStart(3, '0')}_${migration.name} failed and was not applied: ` +
      `${error instanceof Error ? error.message : String(error)}. The database is unchanged at the previous version.`,
    'internal',
  );
}
