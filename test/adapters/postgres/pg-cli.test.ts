import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import pg from 'pg';
import { type PostgresCluster, sharedPostgresCluster } from '../../support/postgres-cluster.js';
import { runCli, SHARED_DATA } from '../../support/run-cli.js';
import { makeTempDir } from '../../support/temp-dir.js';

const SAMPLE = join(SHARED_DATA, 'focus', 'FOCUS-Sample-Data', 'focus_sample.csv');
/** Unit tests must not wait 30 s for a server that is not there. */
const FAST = { TOLLGATE_PG_CONNECT_RETRY_MS: '0' };

async function migrationRows(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    return result.rows.map((row) => row.version);
  } finally {
    await client.end();
  }
}

describe('the CLI in server mode (TOLLGATE_DB=postgres://...)', () => {
  let cluster: PostgresCluster;
  before(async () => {
    cluster = await sharedPostgresCluster();
  });

  test('tollgate migrate applies every migration once, even when two run at the same moment', async () => {
    const url = await cluster.createDatabase();
    const [first, second] = await Promise.all([
      runCli(['migrate', '--json'], { env: { TOLLGATE_DB: url, ...FAST } }),
      runCli(['migrate', '--json'], { env: { TOLLGATE_DB: url, ...FAST } }),
    ]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(second.code, 0, second.stderr);
    const applied = [
      ...(JSON.parse(first.stdout) as { applied: number[] }).applied,
      ...(JSON.parse(second.stdout) as { applied: number[] }).applied,
    ].sort((a, b) => a - b);
    const rows = await migrationRows(url);
    assert.deepEqual(applied, rows, 'each migration applied by exactly one of the two');
    assert.ok(rows.includes(1) && rows.includes(10) && rows.includes(11));
    const again = await runCli(['migrate'], { env: { TOLLGATE_DB: url, ...FAST } });
    assert.equal(again.code, 0);
    assert.match(again.stdout, /is up to date \(schema version \d+\)/);
  });

  test('ingest, sources and costs work end to end on PostgreSQL, migrating on first start', async () => {
    const url = await cluster.createDatabase();
    const work = makeTempDir();
    const env = { TOLLGATE_DB: url, ...FAST };
    const ingest = await runCli(
      ['ingest', SAMPLE, '--on-error', 'skip-row', '--reject-report', join(work, 'rejects.csv'), '--json'],
      { env },
    );
    assert.equal(ingest.code, 0, ingest.stderr);
    // The same files in an embedded DuckDB file: the CLI prints the same JSON, figure for figure.
    const embedded = { TOLLGATE_DB: join(work, 'embedded.duckdb') };
    const loaded = await runCli(
      ['ingest', SAMPLE, '--on-error', 'skip-row', '--reject-report', join(work, 'r.csv')],
      {
        env: embedded,
      },
    );
    assert.equal(loaded.code, 0, loaded.stderr);
    for (const by of ['currency', 'provider,service', 'day,region', 'tag:application', 'resource']) {
      const args = ['costs', '--by', by, '--metric', 'effective', '--json'];
      const server = await runCli(args, { env });
      const local = await runCli(args, { env: embedded });
      assert.equal(server.code, 0, server.stderr);
      const rows = (JSON.parse(server.stdout) as { rows: Record<string, string>[] }).rows;
      assert.ok(rows.length > 0);
      const sorted = (text: string) =>
        (JSON.parse(text) as { rows: unknown[] }).rows.map((row) => JSON.stringify(row)).sort();
      assert.deepEqual(sorted(server.stdout), sorted(local.stdout), `costs --by ${by}`);
    }
    const sources = await runCli(['sources', '--json'], { env });
    assert.equal((JSON.parse(sources.stdout) as unknown[]).length, 1);
    const again = await runCli(['ingest', SAMPLE, '--on-error', 'skip-row', '--json'], { env });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /already-loaded/);
  });

  test('a database that was never migrated is refused, with what to run, when migration on start is off', async () => {
    const url = await cluster.createDatabase();
    const result = await runCli(['costs', '--by', 'service'], {
      env: { TOLLGATE_DB: url, TOLLGATE_MIGRATE_ON_START: 'false', ...FAST },
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /DB_NOT_MIGRATED/);
    assert.match(result.stderr, /tollgate migrate/);
  });

  test('broken settings are refused as usage errors before anything connects', async () => {
    for (const [env, pattern] of [
      [{ TOLLGATE_DB: 'postgres://' }, /CONFIG_INVALID.*postgres:\/\/user:password@host:5432\/database/],
      [{ TOLLGATE_DB: 'postgres://localhost' }, /CONFIG_INVALID/],
      [{ TOLLGATE_DB: 'postgres://localhost/x', TOLLGATE_PG_POOL_SIZE: '0' }, /CONFIG_INVALID.*poolSize/],
      [
        { TOLLGATE_DB: 'postgres://localhost/x', TOLLGATE_PG_CONNECT_RETRY_MS: 'soon' },
        /CONFIG_INVALID.*connectRetryMs/,
      ],
      [
        { TOLLGATE_DB: 'postgres://localhost/x', TOLLGATE_MIGRATE_ON_START: 'maybe' },
        /CONFIG_INVALID.*migrateOnStart/,
      ],
    ] as const) {
      const result = await runCli(['migrate'], { env });
      assert.equal(result.code, 2, `${JSON.stringify(env)}: ${result.stderr}`);
      assert.match(result.stderr, pattern);
    }
  });

  test('an unreachable server, a missing database and wrong credentials each say what to check', async () => {
    const unreachable = await runCli(['migrate'], {
      env: { TOLLGATE_DB: 'postgres://127.0.0.1:1/tollgate', ...FAST },
    });
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /DB_UNREACHABLE.*127\.0\.0\.1:1\/tollgate/);
    const missing = await runCli(['costs'], {
      env: { TOLLGATE_DB: cluster.url('no_such_database'), ...FAST },
    });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /DB_NOT_FOUND/);
    assert.doesNotMatch(missing.stderr + unreachable.stderr, /password/i);
  });
});
