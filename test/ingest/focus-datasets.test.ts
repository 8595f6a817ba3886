import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { listFocusDatasetRecords } from '../../src/app/costs/list-focus-datasets.js';
import { parseCsv, sumDecimals, writeCsv } from '../support/csv-text.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { REPO_ROOT, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'focus-datasets');
const fixture = (name: string) => join(FIXTURES, name);
const dir = makeTempDir();
const db = join(dir, 'datasets.duckdb');

function ingest(paths: string[], dryRun = false) {
  return withStores(db, (stores) =>
    ingestBillingFiles(stores, paths, {
      labels: { onError: '--on-error' },
      onError: 'fail',
      dryRun,
      rejectReportPath: join(dir, 'rejected.csv'),
    }),
  );
}

function readFixture(name: string) {
  const [header, ...rows] = parseCsv(readFileSync(fixture(name), 'utf8'));
  return { header: header!, rows };
}

function variant(name: string, edit: (header: string[], rows: string[][]) => void): string {
  const { header, rows } = readFixture(name);
  edit(header, rows);
  const path = join(dir, `broken-${Math.random().toString(36).slice(2)}-${name}`);
  writeFileSync(path, writeCsv([header, ...rows]));
  return path;
}

describe('FOCUS datasets that are not cost lines load into their own tables', () => {
  it('ContractCommitment: every record, amounts exact, `null` read as null, no cost lines', async () => {
    const summary = await ingest([fixture('contract-commitment-1.3.csv')]);
    assert.equal(summary.units[0]?.dataset?.dataset, 'contract-commitment');
    assert.equal(summary.units[0]?.dataset?.records, 3);
    assert.deepEqual(summary.totals, [], 'no cost totals: these are not cost lines');
    const records = await withStores(db, (stores) =>
      listFocusDatasetRecords(stores, 'contract-commitment', 100),
    );
    const source = readFixture('contract-commitment-1.3.csv');
    const cost = source.header.indexOf('ContractCommitmentCost');
    assert.equal(
      sumDecimals(records.map((record) => record.amount!)),
      sumDecimals(source.rows.map((row) => row[cost]!)),
    );
    assert.equal(records.find((r) => r.recordKey === '["SP-7f3a"]')?.amount, '98.5562500000000001');
    assert.equal(records[0]?.attributes.ContractCommitmentUnit, null);
    assert.equal(
      records[0]?.attributes.ContractCommitmentDescription,
      'Enterprise discount: $1.2M a year, year 1',
    );
    const [lines] = await withStores(db, (stores) =>
      stores.fileEngine.all<{ n: string }>('SELECT count(*)::VARCHAR AS n FROM cost_lines'),
    );
    assert.equal(lines?.n, '0');
  });

  it('loading it again replaces the records with the same keys: nothing is counted twice', async () => {
    const copy = join(dir, 'commitments-again.csv');
    copyFileSync(fixture('contract-commitment-1.3.csv'), copy);
    const summary = await ingest([copy]);
    assert.equal(summary.units[0]?.dataset?.replaced, 3);
    const records = await withStores(db, (stores) =>
      listFocusDatasetRecords(stores, 'contract-commitment', 100),
    );
    assert.equal(records.length, 3);
  });

  it('BillingPeriod and InvoiceDetail (1.4), the invoice total equal to the file', async () => {
    await ingest([fixture('billing-period-1.4.csv')]);
    await ingest([fixture('invoice-detail-1.4.csv')]);
    const periods = await withStores(db, (stores) => listFocusDatasetRecords(stores, 'billing-period', 100));
    assert.deepEqual(
      periods.map((period) => [period.periodStart, period.label]),
      [
        ['2026-01-01T00:00:00Z', 'Closed'],
        ['2026-02-01T00:00:00Z', 'Open'],
      ],
    );
    const details = await withStores(db, (stores) => listFocusDatasetRecords(stores, 'invoice-detail', 100));
    const source = readFixture('invoice-detail-1.4.csv');
    const billed = source.header.indexOf('BilledCost');
    assert.equal(
      sumDecimals(details.map((d) => d.amount!)),
      sumDecimals(source.rows.map((row) => row[billed]!)),
    );
    assert.equal(sumDecimals(details.map((d) => d.amount!)), '11039.6834000000000001');
  });

  it('the audit log records each dataset load', async () => {
    const entries = await withStores(db, (stores) => stores.access.audit.listEntries({ limit: 100 }));
    assert.equal(entries.filter((entry) => entry.action === 'ingest.focus-dataset').length, 4);
  });

  it('lists them from the CLI and refuses an unknown dataset with exit 1', async () => {
    const listed = await runCli(['--db', db, 'datasets', 'invoice-detail', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(JSON.parse(listed.stdout).length, 3);
    const table = await runCli(['--db', db, 'datasets', 'contract-commitment']);
    assert.match(table.stdout, /ECC-2026-Y1/);
    const unknown = await runCli(['--db', db, 'datasets', 'invoices']);
    assert.equal(unknown.code, 1);
    assert.match(
      unknown.stderr,
      /^error \[FOCUS_DATASET_UNKNOWN\]: .*contract-commitment, billing-period, invoice-detail/,
    );
  });
});

describe('broken FOCUS dataset files are refused and change nothing', () => {
  before(async () => {
    await ingest([fixture('contract-commitment-1.3.csv')]);
  });
  const refused = async (path: string, code: string, message: RegExp) => {
    const before = await snapshotDatabase(db);
    await expectRefusal(() => ingest([path]), code, 'invalid-input', message);
    assert.deepEqual(await snapshotDatabase(db), before, 'the database is exactly as it was');
  };

  it('a cost that is not a number names the file, row, column and value', async () => {
    const path = variant('contract-commitment-1.3.csv', (header, rows) => {
      rows[1]![header.indexOf('ContractCommitmentCost')] = '1,3M';
    });
    await refused(
      path,
      'INGEST_INVALID_ROWS',
      /row 2, column ContractCommitmentCost: "1,3M" is not a number/,
    );
  });

  it('a missing currency column', async () => {
    const path = variant('invoice-detail-1.4.csv', (header, rows) => {
      const at = header.indexOf('BillingCurrency');
      header.splice(at, 1);
      for (const row of rows) row.splice(at, 1);
    });
    await refused(path, 'INGEST_MISSING_COLUMNS', /InvoiceDetail file needs the column BillingCurrency/);
  });

  it('an impossible date', async () => {
    const path = variant('billing-period-1.4.csv', (header, rows) => {
      rows[0]![header.indexOf('BillingPeriodEnd')] = '2026-02-30T00:00:00Z';
    });
    await refused(
      path,
      'INGEST_INVALID_ROWS',
      /row 1, column BillingPeriodEnd: "2026-02-30T00:00:00Z" is not a valid date/,
    );
  });

  it('the same record twice in one file', async () => {
    const path = variant('contract-commitment-1.3.csv', (_, rows) => {
      rows.push([...rows[0]!]);
    });
    await refused(path, 'INGEST_DUPLICATE_RECORDS', /rows 1 and 4 are the same ContractCommitment record/);
  });

  it('a truncated file', async () => {
    const text = readFileSync(fixture('invoice-detail-1.4.csv'), 'utf8');
    const path = join(dir, 'truncated-invoice-detail.csv');
    writeFileSync(path, text.slice(0, text.indexOf('"') > 0 ? text.indexOf('"') + 2 : text.length - 40));
    await refused(path, 'INGEST_MALFORMED_CSV', /malformed/);
  });
});
