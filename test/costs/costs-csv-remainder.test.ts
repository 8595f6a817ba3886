import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { writeFocusFixture } from '../budgets/cost-fixture.js';
import { parseCsv, sumDecimals } from '../support/csv-text.js';
import { runCliInProcess } from '../support/in-process-cli.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

/** `costs --format csv --top N`: the remainder row is marked, never taken for a service named "other". */
describe('costs --format csv marks the top-N remainder (built CLI, real DuckDB file)', () => {
  const dir = makeTempDir('tollgate-csv-remainder-');
  const db = join(dir, 'costs.duckdb');
  const costs = async (...args: string[]) => {
    // The built CLI in its own process: standard output is the CSV alone.
    const result = await runCli(['--db', db, 'costs', '--by', 'service', '--metric', 'billed', ...args]);
    assert.equal(result.code, 0, result.stderr);
    return parseCsv(result.stdout);
  };

  before(async () => {
    const billing = join(dir, 'billing.csv');
    // A real service named "other" is the largest; b and c fall past --top 2.
    writeFocusFixture(billing, [
      { day: '2026-01-01', cost: '100.125', service: 'other' },
      { day: '2026-01-01', cost: '50.5', service: 'a' },
      { day: '2026-01-02', cost: '5.25', service: 'b' },
      { day: '2026-01-02', cost: '1.0001', service: 'c' },
    ]);
    const loaded = await runCliInProcess(['--db', db, 'ingest', billing]);
    assert.equal(loaded.code, 0, loaded.stderr);
  });

  it('adds a remainder column: true on the row past the top N (no service named), false on the service "other"', async () => {
    const [header, ...rows] = await costs('--top', '2', '--format', 'csv');
    assert.deepEqual(header, ['service', 'currency', 'cost', 'remainder']);
    assert.deepEqual(rows, [
      ['other', 'USD', '100.1250000000', 'false'],
      ['a', 'USD', '50.5000000000', 'false'],
      ['', 'USD', '6.2501000000', 'true'],
    ]);
    const all = await costs('--format', 'csv');
    assert.deepEqual(all[0], ['service', 'currency', 'cost'], 'without --top there is no remainder column');
    assert.equal(
      sumDecimals(rows.map((row) => row[2]!)),
      sumDecimals(all.slice(1).map((row) => row[2]!)),
      'ranked rows plus the remainder are the total',
    );
  });
});
