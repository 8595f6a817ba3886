import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import pg from 'pg';
import { ingestBillingFiles } from '../../../src/app/costs/ingest-billing-files.js';
import { listSources } from '../../../src/app/costs/manage-sources.js';
import { queryCosts } from '../../../src/app/costs/query-costs.js';
import { openTollgate } from '../../../src/app/open-tollgate.js';
import { toJson } from '../../../src/cli/commands/costs-command.js';
import { loadConfig } from '../../../src/config/tollgate-config.js';
import { parseDimension } from '../../../src/core/costs/cost-query.js';
import { expectRefusal } from '../../support/expect-refusal.js';
import { type PostgresCluster, sharedPostgresCluster } from '../../support/postgres-cluster.js';
import { runCli, SHARED_DATA } from '../../support/run-cli.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { withStores } from '../../support/with-stores.js';

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
    const embedded = join(work, 'embedded.duckdb');
    const ingest = (db: string, report: string) =>
      withStores(db, (stores) =>
        ingestBillingFiles(stores, [SAMPLE], {
          onError: 'skip-row',
          dryRun: false,
          rejectReportPath: join(work, report),
        }),
      );
    // The same files in an embedded DuckDB file: the same loads and costs, figure for figure.
    const server = await ingest(url, 'rejects.csv');
    const local = await ingest(embedded, 'r.csv');
    assert.ok(server.rowsLoaded > 0);
    assert.deepEqual(
      [server.rowsLoaded, server.rowsRejected, server.totals],
      [local.rowsLoaded, local.rowsRejected, local.totals],
    );
    const costsOf = (db: string, by: string) =>
      withStores(db, async (stores) =>
        toJson(
          await queryCosts(stores.costs, {
            groupBy: by.split(',').map(parseDimension),
            metric: 'effective',
            filters: [],
          }),
        ),
      );
    const sorted = (report: { rows: unknown[] }) => report.rows.map((row) => JSON.stringify(row)).sort();
    for (const by of ['currency', 'provider,service', 'day,region', 'tag:application', 'resource']) {
      const rows = await costsOf(url, by);
      assert.ok(rows.rows.length > 0);
      assert.deepEqual(sorted(rows), sorted(await costsOf(embedded, by)), `costs --by ${by}`);
    }
    // The command itself, once: its --json is the use case's report.
    const printed = await runCli(['costs', '--by', 'provider,service', '--metric', 'effective', '--json'], {
      env: { TOLLGATE_DB: url, ...FAST },
    });
    assert.equal(printed.code, 0, printed.stderr);
    assert.deepEqual(sorted(JSON.parse(printed.stdout)), sorted(await costsOf(url, 'provider,service')));
    assert.equal((await withStores(url, (stores) => listSources(stores, false))).length, 1);
    const again = await ingest(url, 'again.csv');
    assert.deepEqual(
      again.units.map((unit) => unit.status),
      ['already-loaded'],
    );
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
      [{ TOLLGATE_DB: 'postgres://' }, /postgres:\/\/user:password@host:5432\/database/],
      [{ TOLLGATE_DB: 'postgres://localhost' }, /host and database name are required/],
      [{ TOLLGATE_DB: 'postgres://localhost/x', TOLLGATE_PG_POOL_SIZE: '0' }, /poolSize/],
      [{ TOLLGATE_DB: 'postgres://localhost/x', TOLLGATE_PG_CONNECT_RETRY_MS: 'soon' }, /connectRetryMs/],
      [{ TOLLGATE_DB: 'postgres://localhost/x', TOLLGATE_MIGRATE_ON_START: 'maybe' }, /migrateOnStart/],
    ] as const) {
      await expectRefusal(async () => loadConfig({}, env), 'CONFIG_INVALID', 'usage', pattern);
    }
    // The command line: a usage error exits 2 with the error line.
    const result = await runCli(['migrate'], {
      env: { TOLLGATE_DB: 'postgres://localhost/x', TOLLGATE_PG_POOL_SIZE: '0' },
    });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /error \[CONFIG_INVALID\].*poolSize/);
  });

  test('an unreachable server, a missing database and wrong credentials each say what to check', async () => {
    const unreachable = await runCli(['migrate'], {
      env: { TOLLGATE_DB: 'postgres://127.0.0.1:1/tollgate', ...FAST },
    });
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /DB_UNREACHABLE.*127\.0\.0\.1:1\/tollgate/);
    assert.doesNotMatch(unreachable.stderr, /password/i);
    const missing = await expectRefusal(
      () => openTollgate(loadConfig({}, { TOLLGATE_DB: cluster.url('no_such_database'), ...FAST })),
      'DB_NOT_FOUND',
      'unavailable',
      /no_such_database does not exist\. Create it \(createdb\)/,
    );
    assert.doesNotMatch(missing, /password/i);
  });
});
