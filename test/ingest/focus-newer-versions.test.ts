import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { normaliseDecimal, sumDecimals, writeCsv } from '../support/csv-text.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { writeNewerFocusSample } from '../support/focus-newer-sample.js';
import { ingestFiles, readCosts } from '../support/in-process-costs.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const dir = makeTempDir();

function column(sample: { header: string[]; rows: string[][] }, name: string): string[] {
  const index = sample.header.indexOf(name);
  assert.ok(index >= 0, name);
  return sample.rows.map((row) => row[index]!);
}

/** Independent sums per service provider, straight from the file's cells. */
function sumsByProvider(sample: { header: string[]; rows: string[][] }, cost: string) {
  const providers = column(sample, 'ServiceProviderName');
  const costs = column(sample, cost);
  const sums = new Map<string, string>();
  for (const name of new Set(providers))
    sums.set(name, sumDecimals(costs.filter((_, index) => providers[index] === name)));
  return sums;
}

async function readLines<T>(db: string, sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as T[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('FOCUS 1.3 and 1.4 exports', () => {
  const db = join(dir, 'newer.duckdb');
  const v13 = writeNewerFocusSample(dir, '1.3');
  const v14 = writeNewerFocusSample(dir, '1.4');

  it('detects 1.3 and loads every row, totals equal to the file to the last decimal', async () => {
    const summary = await ingestFiles(db, [v13.path]);
    assert.deepEqual(summary.units[0]?.focusVersions, ['1.3']);
    assert.equal(summary.rowsLoaded, 1000);
    assert.equal(normaliseDecimal(summary.totals[0]!.billedCost), sumDecimals(column(v13, 'BilledCost')));
    assert.equal(
      normaliseDecimal(summary.totals[0]!.effectiveCost),
      sumDecimals(column(v13, 'EffectiveCost')),
    );
  });

  it('takes the provider dimension from ServiceProviderName, not the deprecated ProviderName', async () => {
    const expected = sumsByProvider(v13, 'BilledCost');
    const answer = await readCosts<{ provider: string }>(db, { by: 'provider', metric: 'billed' });
    assert.deepEqual(new Set(answer.rows.map((row) => row.provider)), new Set(expected.keys()));
    assert.ok(expected.has('Oracle') && !expected.has('Oracle Cloud'));
    for (const row of answer.rows) assert.equal(normaliseDecimal(row.cost), expected.get(row.provider));
  });

  it('keeps the columns 1.3 added in the line extras under their FOCUS names; `null` is null', async () => {
    const rows = await readLines<{ host: string | null; contract: string | null; n: string }>(
      db,
      `SELECT json_extract_string(extras, '$.HostProviderName') AS host,
              json_extract_string(extras, '$.ContractApplied') AS contract, count(*)::VARCHAR AS n
       FROM cost_lines GROUP BY ALL ORDER BY 1`,
    );
    assert.ok(rows.some((row) => row.host === 'Not Applicable'));
    assert.ok(rows.every((row) => row.contract === null));
    const [nulls] = await readLines<{ missing: string; text: string }>(
      db,
      `SELECT count(*) FILTER (WHERE resource_id IS NULL)::VARCHAR AS missing,
              count(*) FILTER (WHERE resource_id = 'null')::VARCHAR AS text FROM cost_lines`,
    );
    assert.equal(nulls!.missing, String(column(v13, 'ResourceId').filter((cell) => cell === 'null').length));
    assert.equal(nulls!.text, '0');
  });

  it('detects 1.4 (no ProviderName, no PublisherName) and its load replaces the 1.3 load of the same periods', async () => {
    const summary = await ingestFiles(db, [v14.path]);
    assert.deepEqual(summary.units[0]?.focusVersions, ['1.4']);
    assert.equal(summary.rowsLoaded, 1000);
    assert.ok(summary.units[0]!.replaced.length > 0, 'the 1.3 periods are replaced, not added to');
    const answer = await readCosts<{ provider: string }>(db, { by: 'provider', metric: 'effective' });
    const expected = sumsByProvider(v14, 'EffectiveCost');
    assert.equal(answer.rows.length, expected.size);
    for (const row of answer.rows) assert.equal(normaliseDecimal(row.cost), expected.get(row.provider));
    const [publishers] = await readLines<{ n: string }>(
      db,
      `SELECT count(*)::VARCHAR AS n FROM cost_lines WHERE publisher_name IS DISTINCT FROM provider_name`,
    );
    assert.equal(publishers!.n, '0', "1.4's publisher is its service provider");
  });
});

describe('broken FOCUS 1.3 and 1.4 files are refused and change nothing', () => {
  const db = join(dir, 'broken.duckdb');
  const v14 = writeNewerFocusSample(dir, '1.4', 'base-1.4.csv');
  const ingest = (paths: string[]) =>
    withStores(db, (stores) =>
      ingestBillingFiles(stores, paths, {
        labels: { onError: '--on-error' },
        onError: 'fail',
        dryRun: false,
        rejectReportPath: join(dir, 'rejected.csv'),
      }),
    );
  const refused = async (path: string, code: string, message: RegExp) => {
    const before = await snapshotDatabase(db);
    await expectRefusal(() => ingest([path]), code, 'invalid-input', message);
    assert.deepEqual(await snapshotDatabase(db), before, 'the database is exactly as it was');
  };
  const variant = (name: string, edit: (header: string[], rows: string[][]) => void) => {
    const header = [...v14.header];
    const rows = v14.rows.map((row) => [...row]);
    edit(header, rows);
    const path = join(dir, name);
    writeFileSync(path, writeCsv([header, ...rows]));
    return path;
  };

  before(async () => {
    await ingest([writeNewerFocusSample(dir, '1.3', 'base-1.3.csv').path]);
  });

  it('a 1.4 row without its service provider names the row, column and what to do', async () => {
    const at = v14.header.indexOf('ServiceProviderName');
    const path = variant('no-service-provider.csv', (_, rows) => {
      rows[40]![at] = '';
    });
    await refused(path, 'INGEST_INVALID_ROWS', /row 41, column ServiceProviderName: .*is empty/);
  });

  it('a 1.4 file without the mandatory InvoiceDetailId column', async () => {
    const at = v14.header.indexOf('InvoiceDetailId');
    const path = variant('no-invoice-detail.csv', (header, rows) => {
      header.splice(at, 1);
      for (const row of rows) row.splice(at, 1);
    });
    // ServiceProviderName without ProviderName still marks the file as 1.4.
    await refused(path, 'INGEST_MISSING_COLUMNS', /FOCUS 1\.4 requires the column InvoiceDetailId,/);
  });

  it('a wrong type: text in a 1.4 cost column', async () => {
    const at = v14.header.indexOf('BilledCost');
    const path = variant('text-cost.csv', (_, rows) => {
      rows[9]![at] = 'twelve';
    });
    await refused(path, 'INGEST_INVALID_ROWS', /row 10, column BilledCost: "twelve" is not a number/);
  });

  it('a 1.4 file missing its currency column', async () => {
    const at = v14.header.indexOf('BillingCurrency');
    const path = variant('no-currency.csv', (header, rows) => {
      header.splice(at, 1);
      for (const row of rows) row.splice(at, 1);
    });
    await refused(path, 'INGEST_MISSING_COLUMNS', /FOCUS 1\.4 requires the column BillingCurrency/);
  });

  it('a truncated 1.4 file', async () => {
    const text = writeCsv([v14.header, ...v14.rows]);
    const path = join(dir, 'truncated-1.4.csv');
    const cut = text.indexOf(',', text.indexOf('\n', text.length / 2) + 5);
    writeFileSync(path, text.slice(0, cut));
    await refused(path, 'INGEST_MALFORMED_CSV', /truncated/);
  });
});
