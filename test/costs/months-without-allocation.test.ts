import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeFixture } from '../allocation/cli-fixture.js';
import { startApi } from '../api/api-harness.js';
import { runCliInProcess } from '../support/in-process-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const RANGE = ['--from', '2026-01-01', '--to', '2026-03-01'];

/** Two billing months loaded, catalogue, rules and drivers applied, only 2026-01 allocated. */
async function allocateJanuaryOnly(db: string, dir: string) {
  const paths = writeFixture(dir);
  for (const args of [
    ['ingest', paths.billing],
    ['catalog', 'apply', paths.catalog],
    ['rules', 'apply', paths.rules],
    ['drivers', 'load', paths.drivers],
    ['allocate', '--period', '2026-01'],
  ]) {
    const result = await runCliInProcess(['--db', db, ...args]);
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  }
}

async function costs(db: string, ...args: string[]) {
  const result = await runCliInProcess(['--db', db, 'costs', ...RANGE, ...args]);
  assert.equal(result.code, 0, result.stderr);
  return result;
}

describe('a report by owner names the months with cost lines but no allocation run', () => {
  it('CLI: --json lists them, the table says so on standard error, allocating the month clears it', async () => {
    const dir = makeTempDir();
    const db = join(dir, 'gap.duckdb');
    await allocateJanuaryOnly(db, dir);
    const byTeam = await costs(db, '--by', 'team,month', '--json');
    const report = JSON.parse(byTeam.stdout);
    assert.deepEqual(report.monthsWithoutAllocation, ['2026-02']);
    assert.deepEqual([...new Set(report.rows.map((row: { month: string }) => row.month))], ['2026-01']);
    const table = await costs(db, '--by', 'team');
    assert.match(
      table.stderr,
      /Not in these owner figures: 2026-02 has cost lines but no allocation run; run tollgate allocate --period 2026-02/,
    );
    // A filter on an owner reads allocated lines too.
    const filtered = JSON.parse((await costs(db, '--filter', 'team=payments', '--json')).stdout);
    assert.deepEqual(filtered.monthsWithoutAllocation, ['2026-02']);
    // Without an owner every line counts: nothing is left out.
    const byService = await costs(db, '--by', 'service', '--json');
    assert.deepEqual(JSON.parse(byService.stdout).monthsWithoutAllocation, []);
    assert.equal(byService.stderr, '');
    assert.equal((await runCliInProcess(['--db', db, 'allocate', '--period', '2026-02'])).code, 0);
    const after = await costs(db, '--by', 'team', '--json');
    assert.deepEqual(JSON.parse(after.stdout).monthsWithoutAllocation, []);
    assert.equal(after.stderr, '');
  });

  it('API: GET /costs by an owner answers monthsWithoutAllocation; by a bill column it is empty', async () => {
    const api = await startApi({}, {}, (db) => allocateJanuaryOnly(db, makeTempDir()));
    const query = 'from=2026-01-01&to=2026-03-01&currency=billing';
    const byTeam = await api.json(`/api/v1/costs?by=team&${query}`, { role: 'viewer' });
    assert.equal(byTeam.status, 200, JSON.stringify(byTeam.body));
    assert.deepEqual(byTeam.body.monthsWithoutAllocation, ['2026-02']);
    const byService = await api.json(`/api/v1/costs?by=service&${query}`, { role: 'viewer' });
    assert.deepEqual(byService.body.monthsWithoutAllocation, []);
  });
});
