import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DuckDbDatabase } from '../../src/adapters/duckdb/duckdb-database.js';
import { loadMigrations, migrateDuckDb } from '../../src/adapters/duckdb/duckdb-migrations.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = makeTempDir();
const open = (name: string) =>
  DuckDbDatabase.open({ path: join(dir, name), memoryLimit: '128MB', threads: 1 });

describe('DuckDB migrations', () => {
  it('are numbered, applied in order once, and a second run applies nothing', async () => {
    const migrations = await loadMigrations();
    assert.ok(migrations.length >= 1);
    assert.deepEqual(
      migrations.map((migration) => migration.version),
      [...migrations.map((migration) => migration.version)].sort((a, b) => a - b),
    );
    const db = await open('fresh.duckdb');
    try {
      assert.deepEqual(
        await migrateDuckDb(db, migrations),
        migrations.map((migration) => migration.version),
      );
      assert.deepEqual(await migrateDuckDb(db, migrations), []);
    } finally {
      db.close();
    }
  });

  it('a migration that fails halfway is not applied, and the error names it', async () => {
    const db = await open('broken.duckdb');
    try {
      const broken = [
        { version: 1, name: 'good', sql: 'CREATE TABLE a (x INTEGER);' },
        { version: 2, name: 'half_bad', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);' },
      ];
      await assert.rejects(migrateDuckDb(db, broken), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'MIGRATION_FAILED');
        assert.match(
          error.message,
          /^Migration 002_half_bad failed and was not applied: .+\. The database is unchanged at the previous version\.$/s,
        );
        return true;
      });
      const tables = await db.all<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1",
      );
      assert.deepEqual(
        tables.map((table) => table.name),
        ['a', 'schema_migrations'],
      );
      const applied = await db.all<{ version: number }>('SELECT version FROM schema_migrations');
      assert.deepEqual(
        applied.map((row) => row.version),
        [1],
      );
    } finally {
      db.close();
    }
  });
});
