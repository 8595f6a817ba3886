import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { type IngestOptions, ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import type { ErrorKind } from '../../src/core/errors.js';
import { writeCsv } from '../support/csv-text.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { FOCUS_SAMPLE_PATH, readFocusSample } from '../support/focus-sample.js';
import { CLI_PATH, REPO_ROOT, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const sample = readFocusSample();
const dir = makeTempDir();
const db = join(dir, 'bad-input.duckdb');

/** Whether user 65534 can read the CLI and its modules (as the read-only database test needs). */
function unprivilegedCanRun(): boolean {
  const probe = spawnSync(process.execPath, [CLI_PATH, '--help'], {
    uid: 65534,
    gid: 65534,
    cwd: '/',
    stdio: 'ignore',
  });
  return probe.status === 0;
}

/** The sample with one cell changed: row is the 1-based data row, as Tollgate reports it. */
function sampleWith(row: number, column: string, value: string): string {
  const index = sample.header.indexOf(column);
  const rows = sample.rows.map((cells) => [...cells]);
  rows[row - 1]![index] = value;
  return writeCsv([sample.header, ...rows]);
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Loads paths in-process as `tollgate ingest` does (by default: the first bad row rejects the file). */
function ingest(paths: string[], options: Partial<IngestOptions> = {}, env: NodeJS.ProcessEnv = {}) {
  return withStores(
    db,
    (stores) =>
      ingestBillingFiles(stores, paths, {
        // As the CLI labels it: these tests read the messages a command-line user gets.
        labels: { onError: '--on-error' },
        onError: 'fail',
        dryRun: false,
        rejectReportPath: join(dir, 'rejected-rows.csv'),
        ...options,
      }),
    env,
  );
}

/**
 * Loads paths in-process, expecting a refusal (a TollgateError, which the CLI prints as its
 * one error line without a stack trace) with this code and message, and checks nothing was written.
 */
async function expectRejected(
  paths: string[],
  code: string,
  message: RegExp,
  { kind = 'invalid-input', env = {} }: { kind?: ErrorKind; env?: NodeJS.ProcessEnv } = {},
) {
  const before = await snapshotDatabase(db);
  const said = await expectRefusal(() => ingest(paths, {}, env), code, kind, message);
  assert.deepEqual(await snapshotDatabase(db), before, 'the database is exactly as it was');
  return said;
}

describe('ingest refuses broken input and leaves the database as it was', () => {
  before(async () => {
    // A database that already holds one load, so "as it was" is not just "empty".
    assert.ok((await ingest([FOCUS_SAMPLE_PATH])).rowsLoaded > 0);
  });

  it('a file that needs more memory than the limit: says which setting to raise, loads nothing', async () => {
    // Another file than the one loaded (the same bytes would be skipped as already loaded).
    const text = readFileSync(FOCUS_SAMPLE_PATH, 'utf8');
    const other = file('needs-memory.csv', `${text.trimEnd()}\n${text.slice(text.indexOf('\n') + 1)}`);
    await expectRejected([other], 'INGEST_OUT_OF_MEMORY', /TOLLGATE_MEMORY_LIMIT=1GB.*Nothing was loaded/, {
      kind: 'unavailable',
      env: { TOLLGATE_MEMORY_LIMIT: '64MB' },
    });
  });

  it('a truncated file, cut mid-row', async () => {
    const text = readFileSync(FOCUS_SAMPLE_PATH, 'utf8');
    const lineStart = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
    const cutAt = text.indexOf(',', text.indexOf(',', lineStart) + 1);
    await expectRejected([file('truncated.csv', text.slice(0, cutAt))], 'INGEST_MALFORMED_CSV', /truncated/);
  });

  it('a truncated file, cut inside a quoted value', async () => {
    const text = readFileSync(FOCUS_SAMPLE_PATH, 'utf8');
    const quote = text.indexOf('"', Math.floor(text.length / 2));
    await expectRejected(
      [file('truncated-quote.csv', text.slice(0, quote + 3))],
      'INGEST_MALFORMED_CSV',
      /truncated/,
    );
  });

  it('a wrong delimiter', async () => {
    const text = readFileSync(FOCUS_SAMPLE_PATH, 'utf8').replaceAll('","', '";"');
    await expectRejected([file('semicolons.csv', text)], 'INGEST_WRONG_DELIMITER', /comma-separated/);
  });

  it('a header-only file', async () => {
    await expectRejected(
      [file('header-only.csv', `${writeCsv([sample.header])}`)],
      'INGEST_NO_ROWS',
      /header but no rows/,
    );
  });

  it('a CSV that is no billing format: says which formats it could be and why not', async () => {
    await expectRejected(
      [file('bank-statement.csv', 'date,description,amount\n2026-01-02,Cloud invoice,120.50\n')],
      'INGEST_NOT_FOCUS',
      /not a billing export Tollgate reads[\s\S]*FOCUS 1\.0-1\.4: needs[\s\S]*AWS Cost and Usage Report[\s\S]*lacks lineItem\/UnblendedCost/,
    );
  });

  it('a missing mandatory column', async () => {
    const index = sample.header.indexOf('BilledCost');
    const rows = [sample.header, ...sample.rows].map((row) => row.filter((_, column) => column !== index));
    await expectRejected([file('no-billed.csv', writeCsv(rows))], 'INGEST_MISSING_COLUMNS', /BilledCost/);
  });

  it('abc in BilledCost names the file, row, column and value', async () => {
    const path = file('abc.csv', sampleWith(57, 'BilledCost', 'abc'));
    const said = await expectRejected(
      [path],
      'INGEST_INVALID_ROWS',
      /row 57, column BilledCost: "abc" is not a number/,
    );
    assert.ok(said.includes(path), said);
    assert.match(said, /--on-error skip-row/);
  });

  it('the command exits 1 with one error line, no stack trace, and writes nothing (CLI)', async () => {
    const path = file('abc-cli.csv', sampleWith(57, 'BilledCost', 'abc'));
    const before = await snapshotDatabase(db);
    const result = await runCli(['--db', db, 'ingest', path]);
    assert.equal(result.code, 1, result.stdout);
    assert.match(
      result.stderr,
      /^error \[INGEST_INVALID_ROWS\]: .*row 57, column BilledCost: "abc" is not a number/,
    );
    assert.ok(result.stderr.includes(path), result.stderr);
    assert.doesNotMatch(result.stderr, /at .*\.js:\d+/, 'no stack trace for a user error');
    assert.deepEqual(await snapshotDatabase(db), before, 'the database is exactly as it was');
  });

  it('an impossible date', async () => {
    await expectRejected(
      [file('feb30.csv', sampleWith(3, 'ChargePeriodStart', '2024-02-30 10:00:00'))],
      'INGEST_INVALID_ROWS',
      /row 3, column ChargePeriodStart: "2024-02-30 10:00:00" is not a valid date/,
    );
  });

  it('a ChargePeriodEnd before its ChargePeriodStart', async () => {
    await expectRejected(
      [file('backwards.csv', sampleWith(8, 'ChargePeriodEnd', '2024-09-01 00:00:00'))],
      'INGEST_INVALID_ROWS',
      /row 8, column ChargePeriodEnd: .*before ChargePeriodStart/,
    );
  });

  it('an unknown currency code', async () => {
    await expectRejected(
      [file('xyz.csv', sampleWith(12, 'BillingCurrency', 'XYZ'))],
      'INGEST_INVALID_ROWS',
      /"XYZ" is not an ISO 4217 currency code/,
    );
  });

  it('a 10 MB single field', async () => {
    await expectRejected(
      [file('huge-field.csv', sampleWith(5, 'ChargeDescription', 'x'.repeat(10 * 1024 * 1024)))],
      'INGEST_LINE_TOO_LONG',
      /longer than 2 MB/,
    );
  });

  it('invalid UTF-8', async () => {
    const text = Buffer.from(sampleWith(9, 'ChargeDescription', 'caf__'), 'utf8');
    const at = text.indexOf('caf__');
    text[at + 3] = 0xe9; // a Latin-1 é: not UTF-8
    text[at + 4] = 0x20;
    await expectRejected([file('latin1.csv', text)], 'INGEST_BAD_ENCODING', /not valid UTF-8/);
  });

  it('invalid JSON in Tags', async () => {
    await expectRejected(
      [file('tags.csv', sampleWith(20, 'Tags', '{"team": "payments"'))],
      'INGEST_INVALID_ROWS',
      /row 20, column Tags: .*not a JSON object/,
    );
  });

  it('a .gz file that is not gzip', async () => {
    await expectRejected(
      [file('plain.csv.gz', readFileSync(FOCUS_SAMPLE_PATH))],
      'INGEST_NOT_GZIP',
      /not gzip-compressed/,
    );
  });

  it('an empty folder', async () => {
    const empty = join(dir, 'empty-folder');
    mkdirSync(empty);
    await expectRejected([empty], 'INGEST_EMPTY_FOLDER', /holds no billing files/);
  });

  it('a path that does not exist', async () => {
    await expectRejected([join(dir, 'nope.csv')], 'INGEST_PATH_NOT_FOUND', /does not exist/);
  });

  it('a bad file among good ones rejects only that load, and says which', async () => {
    const good = file('good-copy.csv', sampleWith(1, 'ChargeDescription', 'a changed description'));
    const bad = file('bad-among.csv', sampleWith(2, 'EffectiveCost', '1,5'));
    await expectRejected(
      [bad, good],
      'INGEST_INVALID_ROWS',
      /bad-among\.csv: row 2, column EffectiveCost: "1,5"/,
    );
  });

  it('--on-error skip-row loads the good rows and reports the rejected ones', async () => {
    const local = join(dir, 'skip.duckdb');
    const report = join(dir, 'rejected.csv');
    const rows = sample.rows.map((cells) => [...cells]);
    rows[56]![sample.header.indexOf('BilledCost')] = 'abc';
    rows[99]![sample.header.indexOf('BillingCurrency')] = 'XYZ';
    const path = file('two-bad.csv', writeCsv([sample.header, ...rows]));
    const result = await runCli([
      '--db',
      local,
      'ingest',
      path,
      '--on-error',
      'skip-row',
      '--reject-report',
      report,
      '--json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout);
    assert.equal(summary.rowsLoaded, 998);
    assert.equal(summary.rowsRejected, 2);
    const lines = readFileSync(report, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'file,row,column_name,value,problem');
    assert.ok(lines.some((line) => line.includes(',57,BilledCost,abc,not_a_number')));
    assert.ok(lines.some((line) => line.includes(',100,BillingCurrency,XYZ,unknown_currency')));
  });

  it('a database locked by another process', async () => {
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { DuckDBInstance } from '@duckdb/node-api';
         const instance = await DuckDBInstance.create(${JSON.stringify(db)});
         await instance.connect();
         console.log('holding');
         setTimeout(() => {}, 60000);`,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      const result = await runCli(['--db', db, 'ingest', FOCUS_SAMPLE_PATH]);
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /error \[DB_LOCKED\]: The database .* is in use by another process .*PID \d+/,
      );
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('close', resolve));
    }
  });

  it('a database file that is read-only', async (t) => {
    // root ignores file permissions, so as root the CLI runs as the unprivileged user 65534,
    // which must be able to read the checkout (it can when the checkout is world-readable).
    if (process.getuid?.() === 0 && !unprivilegedCanRun()) {
      t.skip(
        `user 65534 cannot read ${CLI_PATH}; run the tests from a world-readable checkout to cover this`,
      );
      return;
    }
    const folder = join(dir, 'read-only');
    mkdirSync(folder);
    const local = join(folder, 'ro.duckdb');
    await withStores(local, (stores) =>
      ingestBillingFiles(stores, [FOCUS_SAMPLE_PATH], {
        onError: 'fail',
        dryRun: false,
        rejectReportPath: join(folder, 'rejected.csv'),
      }),
    );
    const before = await snapshotDatabase(local);
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if (process.getuid?.() === 0) {
      chmodSync(dir, 0o755);
      chownSync(folder, 0, 0);
    }
    chmodSync(local, 0o444);
    chmodSync(folder, 0o555);
    const changed = file('changed.csv', sampleWith(1, 'ChargeDescription', 'something else'));
    chmodSync(changed, 0o644);
    const result = await runCli(['--db', local, 'ingest', changed], asUser);
    chmodSync(folder, 0o755);
    assert.equal(result.code, 1, result.stdout);
    assert.match(result.stderr, /error \[DB_READ_ONLY\]: Cannot write to the database .*permissions/);
    assert.deepEqual(await snapshotDatabase(local), before);
  });
});
