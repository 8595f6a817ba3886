import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseCsv, writeCsv } from '../support/csv-text.js';
import { readFocusSample } from '../support/focus-sample.js';
import { ingestFiles } from '../support/in-process-costs.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * Every CSV Tollgate writes from billing data (costs, the rejected-rows report) goes through the
 * one writer: values a spreadsheet would run as a formula come out as text, negative amounts
 * stay numbers.
 */
const HOSTILE = [
  '@SUM(1+1)*cmd',
  '=HYPERLINK("http://evil.example","x")',
  "-1+cmd|' /C calc'!A0",
  '\tcmd',
  '+1+1',
];

describe('CSV written from hostile billing values', async () => {
  const dir = makeTempDir('tollgate-csv-');
  const db = join(dir, 'csv.duckdb');
  const sample = readFocusSample();
  const col = (name: string) => sample.header.indexOf(name);
  const rows = sample.rows.slice(0, HOSTILE.length + 1).map((cells) => [...cells]);
  HOSTILE.forEach((value, index) => {
    rows[index]![col('ServiceName')] = value;
    rows[index]![col('Tags')] = JSON.stringify({ team: value });
  });
  rows[HOSTILE.length]![col('BilledCost')] = '-12.5';
  const path = join(dir, 'hostile.csv');
  writeFileSync(path, writeCsv([sample.header, ...rows]));
  await ingestFiles(db, [path]);

  const startsLikeFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell);

  it('costs --format csv guards every hostile service and tag value, and keeps negative amounts', async () => {
    for (const by of ['service', 'tag:team']) {
      const result = await runCli(['--db', db, 'costs', '--by', by, '--metric', 'billed', '--format', 'csv']);
      assert.equal(result.code, 0, result.stderr);
      const [header, ...lines] = parseCsv(result.stdout);
      assert.deepEqual(header, [by, 'currency', 'cost']);
      const labels = lines.map((line) => line[0]!);
      for (const value of HOSTILE)
        assert.ok(labels.includes(`'${value}`), `${by}: ${value} not guarded in ${labels}`);
      for (const line of lines) assert.ok(!startsLikeFormula(line[0]!), line[0]);
      assert.ok(
        lines.some((line) => line[2]!.startsWith('-12.5')),
        'a negative amount stays a number',
      );
    }
  });

  it('the rejected-rows report guards the rejected values it quotes', async () => {
    const bad = sample.rows.slice(0, 3).map((cells) => [...cells]);
    bad[0]![col('BilledCost')] = '=1+2';
    bad[1]![col('BillingCurrency')] = '@SUM(A1)';
    const badPath = join(dir, 'bad.csv');
    writeFileSync(badPath, writeCsv([sample.header, ...bad]));
    const report = join(dir, 'rejected.csv');
    const summary = await ingestFiles(join(dir, 'other.duckdb'), [badPath], {
      onError: 'skip-row',
      rejectReportPath: report,
    });
    assert.equal(summary.rowsRejected, 2);
    const [header, ...lines] = parseCsv(readFileSync(report, 'utf8'));
    assert.deepEqual(header, ['file', 'row', 'column_name', 'value', 'problem']);
    assert.deepEqual(lines.map((line) => line[3]).sort(), ["'=1+2", "'@SUM(A1)"]);
  });
});
