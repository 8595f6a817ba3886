import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { listSources } from '../../src/app/costs/manage-sources.js';
import type { LoadRecord } from '../../src/ports/state-store.js';
import { normaliseDecimal, sumDecimals, writeCsv } from '../support/csv-text.js';
import { readFocusSample } from '../support/focus-sample.js';
import { ingestFiles, readCosts } from '../support/in-process-costs.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const sample = readFocusSample();
const col = (name: string) => sample.header.indexOf(name);
const dir = makeTempDir();
const db = join(dir, 'replace.duckdb');

/** The Oracle rows of the sample (billing periods 2024-09 and 2024-10), costs scaled by a factor. */
function oracleExport(name: string, factor: number, periods: string[]): { path: string; billed: string } {
  const rows = sample.rows
    .filter(
      (row) =>
        row[col('ProviderName')] === 'Oracle' &&
        periods.some((p) => row[col('BillingPeriodStart')]!.startsWith(p)),
    )
    .map((row) => {
      const copy = [...row];
      copy[col('BilledCost')] = (Number(row[col('BilledCost')]) * factor).toFixed(11);
      return copy;
    });
  const path = join(dir, name);
  writeFileSync(path, writeCsv([sample.header, ...rows]));
  return { path, billed: sumDecimals(rows.map((row) => row[col('BilledCost')]!)) };
}

async function json(args: string[]) {
  const result = await runCli(['--db', db, ...args]);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

/** What `tollgate sources [--all] --json` prints, in-process. */
async function sources(all: boolean) {
  return JSON.parse(
    JSON.stringify(await withStores(db, (stores) => listSources(stores, all))),
  ) as LoadRecord[];
}

describe('a newer export of the same billing period replaces the older one', () => {
  it('replaces the period it covers, keeps the one it does not, and never double counts', async () => {
    const first = oracleExport('oracle-v1.csv', 1, ['2024-09', '2024-10']);
    const second = oracleExport('oracle-v2.csv', 3, ['2024-09']);
    await ingestFiles(db, [first.path]);
    const summary = await ingestFiles(db, [second.path]);
    const replaced = summary.units[0]?.replaced ?? [];
    assert.equal(replaced.length, 1);
    assert.equal(replaced[0]?.loadId, 1);
    assert.equal(replaced[0]?.period.billingPeriodStart, '2024-09-01 00:00:00');

    const september = sample.rows.filter(
      (row) => row[col('ProviderName')] === 'Oracle' && row[col('BillingPeriodStart')]!.startsWith('2024-10'),
    );
    const expected = sumDecimals([second.billed, ...september.map((row) => row[col('BilledCost')]!)]);
    const costs = await readCosts(db, { metric: 'billed' });
    assert.equal(normaliseDecimal(costs.rows[0]!.cost), expected);

    const loads = await sources(false);
    assert.deepEqual(
      loads.map((load: { id: number; status: string }) => [load.id, load.status]),
      [
        [1, 'active'],
        [2, 'active'],
      ],
    );
    const old = loads[0]!.periods.find((period: { billingPeriodStart: string }) =>
      period.billingPeriodStart.startsWith('2024-09'),
    );
    assert.equal(old?.replacedByLoadId, 2);
  });

  it('marks a load replaced once all its periods are, and lists it only with --all', async () => {
    const third = oracleExport('oracle-v3.csv', 2, ['2024-09', '2024-10']);
    await ingestFiles(db, [third.path]);
    const active = await sources(false);
    assert.deepEqual(
      active.map((load: { id: number }) => load.id),
      [3],
    );
    const all = await json(['sources', '--all', '--json']);
    assert.deepEqual(all, await sources(true));
    assert.deepEqual(
      all.map((load: { id: number; status: string }) => [load.id, load.status]),
      [
        [1, 'replaced'],
        [2, 'replaced'],
        [3, 'active'],
      ],
    );
    const costs = await readCosts(db, { metric: 'billed' });
    assert.equal(normaliseDecimal(costs.rows[0]!.cost), third.billed);
  });

  it('sources remove deletes a load and its lines; a second remove or a bad id is refused', async () => {
    const removed = await json(['sources', 'remove', '3', '--json']);
    assert.equal(removed.linesDeleted, 7);
    assert.deepEqual((await readCosts(db)).rows, []);
    const again = await runCli(['--db', db, 'sources', 'remove', '3']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /error \[SOURCE_NOT_FOUND\]: There is no load #3/);
    const bad = await runCli(['--db', db, 'sources', 'remove', 'abc']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /error \[SOURCE_BAD_ID\]/);
  });
});
