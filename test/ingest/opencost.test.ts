import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { queryCosts } from '../../src/app/costs/query-costs.js';
import { normaliseDecimal, parseCsv, sumDecimals, writeCsv } from '../support/csv-text.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { ingestFiles, readCosts } from '../support/in-process-costs.js';
import { sumByMonth } from '../support/independent-sums.js';
import { ENGINES, openFreshStores } from '../support/open-both-engines.js';
import { SHARED_DATA } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const OPENCOST = join(SHARED_DATA, 'opencost');
const EXPORT_CSV = join(OPENCOST, 'export-sample.csv');
const ALLOCATION = join(OPENCOST, 'allocation-example-output.json');
const dir = makeTempDir();

/**
 * The allocation response's total, independently of DuckDB's JSON reader: every allocation's
 * "totalCost" number as written in the file, summed exactly. (The cloudCost response in the
 * same folder sums the cloud bills, not cluster use; it is not a cost source of its own.)
 */
function allocationTotal(): string {
  const text = readFileSync(ALLOCATION, 'utf8');
  return sumDecimals([...text.matchAll(/"totalCost":\s*(-?[0-9.eE+-]+)/g)].map((match) => match[1]!));
}

for (const engine of ENGINES) {
  describe(`OpenCost on ${engine}`, async () => {
    const stores = await openFreshStores(engine);
    after(() => stores.close());
    const ingest = (paths: string[]) =>
      ingestBillingFiles(stores, paths, {
        onError: 'fail',
        dryRun: false,
        rejectReportPath: join(dir, 'r.csv'),
      });
    const byMonth = async () =>
      (await queryCosts(stores.costs, { groupBy: ['month'], metric: 'billed', filters: [] })).rows.map(
        (row) => ({
          currency: row.currency,
          month: String(row.dimensions.month),
          cost: normaliseDecimal(String(row.cost)),
        }),
      );

    it('the CSV export: one line per day and container; totals equal the file (amounts kept to 16 places)', async () => {
      const summary = await ingest([EXPORT_CSV]);
      assert.equal(summary.rowsLoaded, 2);
      assert.deepEqual(summary.units[0]!.sourceFormats, ['opencost']);
      assert.deepEqual(
        await byMonth(),
        await sumByMonth(`read_csv('${EXPORT_CSV}', all_varchar = true, header = true)`, {
          currency: "'USD'",
          month: `strftime(CAST("Date" AS DATE), '%Y-%m')`,
          cost: '"TotalCost"',
        }),
      );
    });

    it('the /allocation response (JSON): one line per namespace over its window; total equal the file', async () => {
      const summary = await ingest([ALLOCATION]);
      assert.equal(summary.rowsLoaded, 3);
      const july = (await byMonth()).find((row) => row.month === '2023-07')!;
      assert.equal(july.cost, allocationTotal());
      assert.equal(july.currency, 'USD');
    });
  });
}

describe('OpenCost lines carry the cluster, namespace, controller, pod and labels', () => {
  const db = join(dir, 'tags.duckdb');

  it('as tags and the resource, so cluster cost can be split to teams by what ran', async () => {
    await ingestFiles(db, [EXPORT_CSV, ALLOCATION]);
    const byTeam = await readCosts<{ 'tag:team': string | null; 'tag:pod': string | null }>(db, {
      by: 'tag:team,tag:pod',
      metric: 'billed',
      filters: ['provider=Kubernetes'],
    });
    const team = byTeam.rows.find((row) => row['tag:team'] === 'my-team')!;
    assert.equal(team['tag:pod'], 'opencost-8fd7f8778-s7flr');
    assert.equal(normaliseDecimal(team.cost), '0.020987493472023');
    const byNamespace = await readCosts<{ 'tag:namespace': string }>(db, {
      by: 'tag:namespace',
      metric: 'billed',
      from: '2023-07-01',
      to: '2023-08-01',
    });
    assert.deepEqual(
      byNamespace.rows.map((row) => [row['tag:namespace'], normaliseDecimal(row.cost)]).sort(),
      [
        ['kube-system', '1.52743'],
        ['opencost', '0.10937'],
        ['prometheus', '0.14136'],
      ],
    );
  });
});

describe('broken OpenCost files are refused and change nothing', () => {
  const db = join(dir, 'broken.duckdb');
  const refused = async (file: string, code: string, message: RegExp) => {
    await withStores(db, async () => undefined);
    const before = await snapshotDatabase(db);
    await expectRefusal(() => ingestFiles(db, [file]), code, 'invalid-input', message);
    assert.deepEqual(await snapshotDatabase(db), before, 'the database is exactly as it was');
  };
  const [HEADER, ...ROWS] = parseCsv(readFileSync(EXPORT_CSV, 'utf8')) as [string[], ...string[][]];
  const variant = (name: string, edit: (header: string[], rows: string[][]) => void) => {
    const header = [...HEADER];
    const rows = ROWS.map((row) => [...row]);
    edit(header, rows);
    const file = join(dir, name);
    writeFileSync(file, writeCsv([header, ...rows]));
    return file;
  };

  it('a truncated allocation response', async () => {
    const file = join(dir, 'truncated.json');
    const text = readFileSync(ALLOCATION, 'utf8');
    writeFileSync(file, text.slice(0, text.length / 2));
    await refused(file, 'INGEST_BAD_JSON', /not readable JSON .*truncated/);
  });

  it('JSON that is not an allocation response', async () => {
    const file = join(dir, 'other.json');
    writeFileSync(file, JSON.stringify({ items: [{ cost: 1 }] }));
    await refused(file, 'INGEST_UNKNOWN_JSON', /OpenCost \/allocation API response/);
  });

  it('text in the total cost names the row and both columns', async () => {
    const file = variant('text-cost.csv', (header, rows) => {
      rows[1]![header.indexOf('TotalCost')] = 'lots';
    });
    await refused(
      file,
      'INGEST_INVALID_ROWS',
      /row 2, column BilledCost \(from TotalCost\): "lots" is not a number/,
    );
  });

  it('labels that are not JSON', async () => {
    const file = variant('bad-labels.csv', (header, rows) => {
      rows[0]![header.indexOf('Labels')] = '{app: opencost';
    });
    await refused(file, 'INGEST_INVALID_ROWS', /row 1, column Tags \(from Labels\)/);
  });

  it('a CSV without its total cost column: says which formats it could be and why not', async () => {
    const file = variant('no-total.csv', (header, rows) => {
      const index = header.indexOf('TotalCost');
      header.splice(index, 1);
      for (const row of rows) row.splice(index, 1);
    });
    await refused(file, 'INGEST_NOT_FOCUS', /OpenCost .*lacks TotalCost/);
  });
});
