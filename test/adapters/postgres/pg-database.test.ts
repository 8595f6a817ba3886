import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadMigrations } from '../../../src/adapters/duckdb/duckdb-migrations.js';
import { toPositional } from '../../../src/adapters/postgres/named-params.js';
import { PgDatabase } from '../../../src/adapters/postgres/pg-database.js';
import { migratePostgres } from '../../../src/adapters/postgres/pg-migrations.js';
import { TollgateError } from '../../../src/core/errors.js';
import { type PostgresCluster, sharedPostgresCluster } from '../../support/postgres-cluster.js';

describe('named parameters become positional ones', () => {
  test('each distinct name gets one number, in order of first use', () => {
    const query = toPositional('SELECT * FROM t WHERE a = $a AND b = $b OR a2 = $a');
    assert.equal(query.text, 'SELECT * FROM t WHERE a = $1 AND b = $2 OR a2 = $1');
    assert.deepEqual(query.names, ['a', 'b']);
  });

  test('quoted text, identifiers, comments and dollar-quoted bodies are left alone', () => {
    const sql = `SELECT '$."x"' AS "$col", $v -- $comment\n /* $block */ FROM f($body$ SELECT $inner $body$, $$ $x $$)`;
    const query = toPositional(sql);
    assert.deepEqual(query.names, ['v']);
    assert.equal(
      query.text,
      `SELECT '$."x"' AS "$col", $1 -- $comment\n /* $block */ FROM f($body$ SELECT $inner $body$, $$ $x $$)`,
    );
  });

  test('doubled quotes inside a literal do not end it', () => {
    assert.deepEqual(toPositional("SELECT 'it''s $not' || $yes").names, ['yes']);
  });
});

describe('PgDatabase on a real PostgreSQL', () => {
  let cluster: PostgresCluster;
  let db: PgDatabase;

  before(async () => {
    cluster = await sharedPostgresCluster();
    db = await PgDatabase.open({ url: await cluster.createDatabase(), poolSize: 8, connectRetryMs: 0 });
    await db.run(
      'CREATE TABLE t (id INTEGER PRIMARY KEY, amount NUMERIC(38,16), at TIMESTAMP, big BIGINT, doc JSONB)',
    );
  });
  after(async () => {
    await db?.close();
  });

  test('values come back as DuckDB JSON rows give them: exact decimals, timestamps and big integers as text', async () => {
    await db.run('INSERT INTO t VALUES ($id, $amount, $at, $big, \'{"a": 1}\')', {
      id: 1,
      amount: '20.52022672899',
      at: '2025-01-01 00:00:00',
      big: 9007199254740993n,
    });
    const row = await db.one('SELECT id, amount, at, big, doc FROM t WHERE id = $id', { id: 1 });
    assert.deepEqual(row, {
      id: 1,
      amount: '20.5202267289900000',
      at: '2025-01-01 00:00:00',
      big: '9007199254740993',
      doc: '{"a": 1}',
    });
  });

  test('a transaction commits whole or not at all; nested calls join it', async () => {
    await assert.rejects(
      db.transaction(async () => {
        await db.run('INSERT INTO t (id) VALUES (10)');
        await db.transaction(() => db.run('INSERT INTO t (id) VALUES (11)'));
        throw new Error('stop');
      }),
      /stop/,
    );
    assert.equal((await db.all('SELECT id FROM t WHERE id >= 10')).length, 0);
    await db.transaction(async () => {
      await db.run('INSERT INTO t (id) VALUES (10)');
      await db.transaction(() => db.run('INSERT INTO t (id) VALUES (11)'));
    });
    assert.equal((await db.all('SELECT id FROM t WHERE id >= 10')).length, 2);
  });

  test('a serialization failure reruns the transaction instead of failing the user', async () => {
    await db.run('CREATE TABLE counter (n INTEGER)');
    await db.run('INSERT INTO counter VALUES (0)');
    let attempts = 0;
    await db.transaction(async () => {
      attempts++;
      if (attempts === 1) {
        const error = Object.assign(new Error('could not serialize access'), { code: '40001' });
        throw error;
      }
      await db.run('UPDATE counter SET n = n + 1');
    });
    assert.equal(attempts, 2);
    assert.deepEqual(await db.all('SELECT n FROM counter'), [{ n: 1 }]);
  });

  test('lockArea serialises check-then-act across concurrent transactions', async () => {
    await db.run('CREATE TABLE seats (n INTEGER)');
    const takeSeat = () =>
      db.transaction(async () => {
        await db.lockArea('seats');
        const rows = await db.all<{ c: string }>('SELECT count(*)::TEXT AS c FROM seats');
        if (Number(rows[0]!.c) < 3) await db.run('INSERT INTO seats VALUES (1)');
      });
    await Promise.all(Array.from({ length: 10 }, takeSeat));
    assert.deepEqual(await db.all('SELECT count(*)::INTEGER AS c FROM seats'), [{ c: 3 }]);
  });

  test('an unreachable server fails with a clear, retried error that hides the password', async () => {
    const started = Date.now();
    const error = await PgDatabase.open({
      url: 'postgres://someone:secret@127.0.0.1:1/tollgate',
      poolSize: 1,
      connectRetryMs: 600,
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof TollgateError);
    assert.equal(error.code, 'DB_UNREACHABLE');
    assert.match(error.message, /127\.0\.0\.1:1\/tollgate/);
    assert.doesNotMatch(error.message, /secret/);
    assert.ok(Date.now() - started >= 250, 'retried at least once before giving up');
  });

  test('a missing database says to create it', async () => {
    await assert.rejects(
      PgDatabase.open({ url: cluster.url('no_such_db'), poolSize: 1, connectRetryMs: 0 }),
      (error: unknown) => error instanceof TollgateError && error.code === 'DB_NOT_FOUND',
    );
  });

  test('connections the server dropped: a read is asked again elsewhere; a write fails cleanly and the next works', async () => {
    await Promise.all(Array.from({ length: 6 }, () => db.all('SELECT pg_sleep(0.01)')));
    const killer = await PgDatabase.open({ url: db.url, poolSize: 1, connectRetryMs: 0 });
    const killAll = () =>
      killer.run(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
    await killAll();
    assert.deepEqual(await db.all('SELECT 1 AS one'), [{ one: 1 }]);
    await Promise.all(Array.from({ length: 6 }, () => db.all('SELECT pg_sleep(0.01)')));
    await killAll();
    await killer.close();
    const before = await db.all('SELECT count(*)::INTEGER AS c FROM t');
    const write = await db.run('INSERT INTO t (id) VALUES (500)').then(
      () => 'ok',
      (error: unknown) => (error instanceof TollgateError ? error.code : String(error)),
    );
    assert.ok(
      write === 'ok' || write === 'DB_UNREACHABLE',
      `write either landed or failed cleanly: ${write}`,
    );
    await db.run('INSERT INTO t (id) VALUES (501)');
    const after = await db.all<{ c: number }>('SELECT count(*)::INTEGER AS c FROM t');
    assert.equal(after[0]!.c, (before[0] as { c: number }).c + (write === 'ok' ? 2 : 1));
  });
});

describe('PostgreSQL migrations', () => {
  test('two processes migrating at once apply each migration once', async () => {
    const cluster = await sharedPostgresCluster();
    const url = await cluster.createDatabase();
    const folder = mkdtempSync(join(tmpdir(), 'tollgate-mig-'));
    writeFileSync(
      join(folder, '001_first.sql'),
      'CREATE TABLE first (id INTEGER); INSERT INTO first VALUES (1);',
    );
    writeFileSync(join(folder, '002_second.sql'), 'INSERT INTO first VALUES (2);');
    const migrations = await loadMigrations(folder);
    const [a, b] = await Promise.all([
      PgDatabase.open({ url, poolSize: 2, connectRetryMs: 0 }),
      PgDatabase.open({ url, poolSize: 2, connectRetryMs: 0 }),
    ]);
    const applied = await Promise.all([migratePostgres(a, migrations), migratePostgres(b, migrations)]);
    assert.deepEqual(applied.flat().sort(), [1, 2]);
    assert.deepEqual(await a.all('SELECT id FROM first ORDER BY id'), [{ id: 1 }, { id: 2 }]);
    await Promise.all([a.close(), b.close()]);
  });

  test('a migration that fails halfway leaves nothing of itself and names itself', async () => {
    const cluster = await sharedPostgresCluster();
    const db = await PgDatabase.open({ url: await cluster.createDatabase(), poolSize: 2, connectRetryMs: 0 });
    const folder = mkdtempSync(join(tmpdir(), 'tollgate-mig-'));
    writeFileSync(join(folder, '001_good.sql'), 'CREATE TABLE good (id INTEGER);');
    writeFileSync(
      join(folder, '002_broken.sql'),
      'CREATE TABLE half (id INTEGER); SELECT * FROM no_such_table;',
    );
    await assert.rejects(
      migratePostgres(db, await loadMigrations(folder)),
      (error: unknown) =>
        error instanceof TollgateError &&
        error.code === 'MIGRATION_FAILED' &&
        /^Migration 002_broken failed and was not applied: .+\. The database is unchanged at the previous version\.$/s.test(
          error.message,
        ),
    );
    assert.deepEqual(await db.all('SELECT version FROM schema_migrations'), [{ version: 1 }]);
    assert.deepEqual(await db.all("SELECT to_regclass('half') AS t"), [{ t: null }]);
    await db.close();
  });
});
