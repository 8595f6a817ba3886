import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import pg from 'pg';
import { parseCsv, writeCsv } from '../support/csv-text.js';
import { FOCUS_SAMPLE_PATH } from '../support/focus-sample.js';
import { sharedPostgresCluster } from '../support/postgres-cluster.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

/** Row count of every table of a PostgreSQL database (partitions counted in their parent). */
async function countRows(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      counts[name] = Number((await client.query(`SELECT count(*) AS n FROM "${name}"`)).rows[0].n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

async function cli(args: string[]) {
  const result = await runCli(args);
  return { ...result, json: () => JSON.parse(result.stdout) };
}

/** Every figure the CLI reports that a move must keep. */
const REPORTS = [
  ['costs', '--by', 'provider,month', '--json'],
  ['costs', '--by', 'team,service,month', '--json'],
  ['costs', '--by', 'billing-account,region', '--metric', 'billed', '--json'],
  ['costs', '--by', 'tag:env,day', '--metric', 'list', '--json'],
  ['statement', '--team', 'payments', '--period', '2025-03', '--model', 'full', '--json'],
  ['statement', '--team', 'search', '--period', '2025-10', '--json'],
  ['sources', '--json'],
  ['budgets', 'list', '--json'],
];

describe('tollgate copy: an embedded database moves to server mode', () => {
  const work = makeTempDir('tollgate-copy-');
  const file = join(work, 'embedded.duckdb');
  let newDatabase: () => Promise<string>;

  before(async () => {
    const cluster = await sharedPostgresCluster();
    newDatabase = () => cluster.createDatabase();
    const demo = await runCli([
      '--db',
      file,
      'demo',
      '--rows',
      '2000',
      '--out',
      join(work, 'demo'),
      '--json',
    ]);
    assert.equal(demo.code, 0, demo.stderr);
    const user = await runCli(['--db', file, 'users', 'add', 'ops', '--role', 'admin']);
    assert.equal(user.code, 0, user.stderr);
  });

  test('copies every table: counts, every reported figure and the audit chain are the same; ids continue', async () => {
    const url = await newDatabase();
    const copied = await cli(['copy', '--from', file, '--to', url, '--json']);
    assert.equal(copied.code, 0, copied.stderr);
    const summary = copied.json() as { tables: { table: string; rows: number }[] };
    const counts = await countRows(url);
    for (const { table, rows } of summary.tables) assert.equal(counts[table], rows, table);
    assert.ok(counts.cost_lines! > 1000 && counts.allocated_lines! > 1000, JSON.stringify(counts));
    assert.ok(counts.cost_rollup_daily! > 0 && counts.allocated_rollup_daily! > 0, 'rollups rebuilt');
    assert.ok(counts.users === 1 && counts.audit_log! > 0);
    for (const report of REPORTS) {
      const embedded = await cli(['--db', file, ...report]);
      const server = await cli(['--db', url, ...report]);
      assert.equal(embedded.code, 0, embedded.stderr);
      assert.equal(server.code, 0, server.stderr);
      assert.deepEqual(server.json(), embedded.json(), report.join(' '));
    }
    const verified = await cli(['--db', url, 'audit', 'verify']);
    assert.equal(verified.code, 0, verified.stderr);
    // New rows get ids after the copied ones (sequences continue where the file's stood).
    const loads = (await cli(['--db', url, 'sources', '--json'])).json() as { id: number }[];
    const ingested = await cli(['--db', url, 'ingest', FOCUS_SAMPLE_PATH, '--json']);
    assert.equal(ingested.code, 0, ingested.stderr);
    const newId = ingested.json().units[0].loadId as number;
    assert.ok(newId > Math.max(...loads.map((load) => load.id)), `new load id ${newId}`);
  });

  test('refuses a target that holds data, changing nothing; --replace copies over it', async () => {
    const url = await newDatabase();
    const first = await cli(['copy', '--from', file, '--to', url]);
    assert.equal(first.code, 0, first.stderr);
    const ingested = await cli(['--db', url, 'ingest', FOCUS_SAMPLE_PATH]);
    assert.equal(ingested.code, 0, ingested.stderr);
    const before = await countRows(url);
    const again = await cli(['copy', '--from', file, '--to', url]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /error \[COPY_TARGET_NOT_EMPTY\]: .*--replace/);
    assert.deepEqual(await countRows(url), before);
    const replaced = await cli(['copy', '--from', file, '--to', url, '--replace', '--json']);
    assert.equal(replaced.code, 0, replaced.stderr);
    const counts = await countRows(url);
    assert.equal(counts.cost_lines, before.cost_lines! - 1000, 'the extra load is gone, the file is back');
  });

  test('a copy that PostgreSQL refuses halfway keeps nothing', async () => {
    // An embedded database with a tag value DuckDB holds and PostgreSQL's JSONB cannot (\u0000).
    const broken = join(work, 'broken.duckdb');
    const rows = parseCsv(readFileSync(FOCUS_SAMPLE_PATH, 'utf8'));
    const tags = rows[0]!.indexOf('Tags');
    rows.at(-1)![tags] = '{"team":"x\\u0000"}';
    mkdirSync(join(work, 'broken'), { recursive: true });
    writeFileSync(join(work, 'broken', 'focus.csv'), writeCsv(rows));
    const loaded = await runCli(['--db', broken, 'ingest', join(work, 'broken', 'focus.csv')]);
    assert.equal(loaded.code, 0, loaded.stderr);
    const url = await newDatabase();
    const copied = await cli(['copy', '--from', broken, '--to', url]);
    assert.equal(copied.code, 1, copied.stdout);
    assert.match(copied.stderr, /error \[/);
    const counts = await countRows(url);
    assert.deepEqual(
      Object.entries(counts).filter(([table, rows]) => rows > 0 && table !== 'schema_migrations'),
      [],
      'nothing of the copy was kept',
    );
  });

  test('broken arguments: a URL as the source, a file as the target, a missing file', async () => {
    const url = await newDatabase();
    const urlSource = await cli(['copy', '--from', url, '--to', url]);
    assert.equal(urlSource.code, 2);
    assert.match(urlSource.stderr, /COPY_SOURCE_NOT_FILE/);
    const fileTarget = await cli(['copy', '--from', file, '--to', join(work, 'other.duckdb')]);
    assert.equal(fileTarget.code, 2);
    assert.match(fileTarget.stderr, /COPY_TARGET_NOT_POSTGRES/);
    const missing = await cli(['copy', '--from', join(work, 'nope.duckdb'), '--to', url]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /error \[COPY_SOURCE_MISSING\]/);
    const noTarget = await cli(['copy', '--from', file]);
    assert.equal(noTarget.code, 2);
    assert.deepEqual(
      Object.values(await countRows(url)).filter((rows) => rows > 0),
      [],
      'the target is untouched',
    );
  });
});
