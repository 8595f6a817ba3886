import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

function hashFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('tollgate demo', () => {
  const dir = makeTempDir();
  const db = join(dir, 'x.duckdb');

  it('generates, loads and tours the demo end to end; a second run finds it loaded and tours again', async () => {
    const first = await runCli(['demo', '--rows', '5000', '--out', join(dir, 'out'), '--db', db]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Generated the Acme Retail demo \(seed 1\): [\d,]+ FOCUS 1\.2 rows/);
    assert.match(first.stdout, /Loaded 48 export\(s\): [\d,]+ rows, 0 rejected\./);
    assert.match(first.stdout, /Spend by month \(BilledCost = the invoice; EffectiveCost = /);
    assert.match(first.stdout, /2025-12 +USD +[\d,]+\.\d\d +[\d,]+\.\d\d/);
    assert.match(first.stdout, /Top services by EffectiveCost/);
    assert.match(first.stdout, /Top movers by EffectiveCost, 2025-12 against 2025-11/);
    assert.match(first.stdout, /[+-][\d,]+\.\d\d +[+-]\d+\.\d%/);
    // Its pipelines asked the gate, and its reviews were held (some late, some left open).
    const gated = first.stdout.match(
      /Its pipelines asked the gate (\d+) times \((\d+) denied\); (\d+) changes needed a post-implementation review: (\d+) held on time, (\d+) late, (\d+) open\./,
    );
    assert.ok(gated, first.stdout);
    const [asked, denied, required, onTime, late, open] = gated.slice(1).map(Number) as number[];
    assert.ok(asked! > 1500 && denied! > 2 && denied! < asked! / 20, gated[0]);
    assert.ok(onTime! > late! && late! > 0 && open! > 0, gated[0]);
    assert.equal(onTime! + late! + open!, required);
    const conformance = await runCli([
      'conformance',
      '--from',
      '2025-01-01',
      '--to',
      '2026-01-01',
      '--as-of',
      '2026-01-01',
      '--json',
      '--db',
      db,
    ]);
    assert.equal(conformance.code, 0, conformance.stderr);
    const report = JSON.parse(conformance.stdout);
    const count = (check: string) =>
      report.findings.filter((f: { checks: string[] }) => f.checks.includes(check)).length;
    // Deployed after a deny: the one without sign-off, and changes of releases over budget.
    assert.deepEqual([count('no-gate-decision'), count('outside-window'), count('no-change')], [0, 0, 0]);
    assert.ok(count('deployed-after-deny') >= 1 && count('deployed-after-deny') < denied!);
    assert.deepEqual(
      [report.reviews.required, report.reviews.reviewed, report.reviews.late],
      [required, onTime! + late!, late],
    );

    const second = await runCli(['demo', '--rows', '5000', '--out', join(dir, 'out'), '--db', db]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(
      second.stdout,
      /Loaded 0 export\(s\): 0 rows, 0 rejected\. 48 export\(s\) were already loaded; nothing changed/,
    );
    const tour = (text: string) => text.slice(text.indexOf('Spend by month'));
    assert.equal(tour(second.stdout), tour(first.stdout));
  });

  it('prints what it generated, loaded and toured as JSON, amounts as decimal strings', async () => {
    const result = await runCli(['demo', '--rows', '5000', '--out', join(dir, 'out'), '--db', db, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.generated.seed, 1);
    assert.equal(report.generated.exports, 48);
    assert.equal(report.ingest.alreadyLoaded, 48);
    assert.equal(report.ingest.rowsRejected, 0);
    assert.deepEqual(report.tour.spendByMonth.metrics, ['billed', 'effective']);
    assert.equal(report.tour.spendByMonth.rows.length, 24);
    assert.match(report.tour.spendByMonth.rows[0].billed, /^-?\d+\.\d{10,}$/);
    assert.equal(report.tour.topServices.metric, 'effective');
    assert.equal(report.tour.topMovers.metric, 'effective');
    assert.ok(report.tour.topMovers.rows.every((row: { change: string }) => /^-?\d+\.\d+$/.test(row.change)));
  });

  describe('bad input: a clear message, a usage or refusal exit, the database untouched', () => {
    const cases: [string, (dir: string) => string[], number, RegExp][] = [
      ['--rows 0', () => ['--rows', '0'], 2, /--rows must be a whole number from 2,000/],
      ['--rows abc', () => ['--rows', 'abc'], 2, /--rows must be a whole number/],
      ['--rows 1.5e6', () => ['--rows', '1.5e6'], 2, /--rows must be a whole number/],
      ['--seed -1', () => ['--seed', '-1'], 2, /--seed must be a whole number from 0/],
      [
        '--out is a file',
        (tmp) => {
          const file = join(tmp, 'a-file.csv');
          writeFileSync(file, 'not a folder');
          return ['--out', file];
        },
        2,
        /a-file\.csv is a file, not a folder/,
      ],
      [
        '--out holds files that are not a demo',
        (tmp) => {
          writeFileSync(join(tmp, 'notes.txt'), 'mine');
          return ['--out', tmp];
        },
        1,
        /already holds files that are not a Tollgate demo/,
      ],
    ];
    for (const [name, args, code, message] of cases) {
      it(name, async () => {
        const tmp = makeTempDir();
        const before = hashFile(db);
        const result = await runCli(['demo', '--rows', '5000', ...args(tmp), '--db', db]);
        assert.equal(result.code, code, result.stdout + result.stderr);
        assert.match(result.stderr, message);
        assert.equal(hashFile(db), before);
        if (name === '--rows abc' || name === '--out is a file') {
          const fresh = join(tmp, 'fresh.duckdb');
          const onFresh = await runCli(['demo', ...args(makeTempDir()), '--db', fresh]);
          assert.equal(onFresh.code, code);
          assert.equal(existsSync(fresh), false, 'no database is created');
        }
        if (name.includes('not a demo')) assert.equal(readFileSync(join(tmp, 'notes.txt'), 'utf8'), 'mine');
      });
    }
  });
});
