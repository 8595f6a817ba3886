import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALLOCATION_LINES, allocatePeriod } from '../contracts/allocation-run-store.contract.js';
import { stage } from '../contracts/cost-store.contract.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

describe('tollgate export focus', () => {
  it('writes the file and prints it as JSON; exit 1 for a period with no run, 2 for a bad flag', async () => {
    const dir = makeTempDir();
    const db = join(dir, 'cli.duckdb');
    const runId = await withStores(db, async (stores) => {
      await stage(stores, ALLOCATION_LINES, 'cli_export_lines');
      await stores.costs.importStagedLines({ engine: stores.fileEngine, relation: 'cli_export_lines' });
      return allocatePeriod(stores, '2026-01');
    });
    const out = join(dir, 'out');
    const done = await runCli(['export', 'focus', '--period', '2026-01', '--out', out, '--json', '--db', db]);
    assert.equal(done.code, 0, done.stderr);
    const result = JSON.parse(done.stdout);
    assert.equal(result.runId, runId);
    assert.equal(result.rows, 6);
    assert.deepEqual(readdirSync(out), [`focus-2026-01-run${runId}.csv`]);

    const none = await runCli(['export', 'focus', '--period', '2026-02', '--out', out, '--db', db]);
    assert.equal(none.code, 1);
    assert.match(
      none.stderr,
      /^error \[EXPORT_NOT_ALLOCATED\]: 2026-02 has no allocation run.*run the allocation for 2026-02 first/,
    );
    const badFormat = await runCli([
      'export',
      'focus',
      '--period',
      '2026-01',
      '--format',
      'xlsx',
      '--out',
      out,
      '--db',
      db,
    ]);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format xlsx is not one of csv, parquet/);
    assert.deepEqual(readdirSync(out), [`focus-2026-01-run${runId}.csv`]);
  });
});
