import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import type { CostMetric } from '../../src/core/costs/cost-query.js';
import { cur2Name } from '../../src/ingest/formats/aws-cur/aws-cur-columns.js';
import { normaliseDecimal, parseCsv, writeCsv } from '../support/csv-text.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { ingestFiles, readCosts } from '../support/in-process-costs.js';
import { SHARED_DATA } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const CUR_PATH = join(SHARED_DATA, 'aws-cur', 'sample-anonymous-aws-export-dataset.csv');
const dir = makeTempDir();
const [HEADER, ...ROWS] = parseCsv(readFileSync(CUR_PATH, 'utf8')) as [string[], ...string[][]];

/** Independent sums over a CUR file, by DuckDB directly (not Tollgate's reader): per currency and usage month. */
async function independentSums(path: string, cost: string, currency: string, start: string) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT "${currency}" AS currency, strftime(CAST("${start}" AS TIMESTAMP), '%Y-%m') AS month,
         sum(CAST(${cost} AS DECIMAL(38,16)))::VARCHAR AS cost
       FROM read_csv('${path}', all_varchar = true, header = true) GROUP BY ALL ORDER BY ALL`,
    );
    return (reader.getRowObjectsJson() as { currency: string; month: string; cost: string }[]).map((row) => ({
      ...row,
      cost: normaliseDecimal(row.cost),
    }));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function costsByMonth(db: string, metric: CostMetric) {
  const answer = await readCosts<{ month: string }>(db, { by: 'month', metric });
  return answer.rows.map((row) => ({
    currency: row.currency,
    month: row.month,
    cost: normaliseDecimal(row.cost),
  }));
}

function cur2Copy(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, writeCsv([HEADER.map(cur2Name), ...ROWS]));
  return path;
}

describe('AWS Cost and Usage Reports', () => {
  const db = join(dir, 'cur.duckdb');

  it('loads the legacy CUR sample: every row, totals per currency, metric and month equal to the file', async () => {
    const summary = await ingestFiles(db, [CUR_PATH]);
    assert.equal(summary.rowsLoaded, ROWS.length);
    assert.deepEqual(summary.units[0]!.sourceFormats, ['aws-cur']);
    const expected = await independentSums(
      CUR_PATH,
      '"lineItem/UnblendedCost"',
      'lineItem/CurrencyCode',
      'lineItem/UsageStartDate',
    );
    assert.deepEqual(await costsByMonth(db, 'billed'), expected);
    // No savings plans or reservations in the sample: effective cost is the unblended cost.
    assert.deepEqual(await costsByMonth(db, 'effective'), expected);
    // List cost: AWS's public on-demand cost, where the line has one.
    assert.deepEqual(
      await costsByMonth(db, 'list'),
      await independentSums(
        CUR_PATH,
        'COALESCE("pricing/publicOnDemandCost", "lineItem/UnblendedCost")',
        'lineItem/CurrencyCode',
        'lineItem/UsageStartDate',
      ),
    );
  });

  it('maps the provider, account, service and charge category', async () => {
    const byService = await readCosts<{ provider: string; 'charge-category': string }>(db, {
      by: 'provider,charge-category',
      metric: 'billed',
    });
    assert.deepEqual(byService.rows.map((row) => [row.provider, row['charge-category']]).sort(), [
      ['AWS', 'Tax'],
      ['AWS', 'Usage'],
    ]);
  });

  it('a CUR 2.0 export of the same period (CSV, gzip, Parquet) replaces the legacy load: nothing counted twice', async () => {
    const csv = cur2Copy('cur2.csv');
    const expected = await costsByMonth(db, 'billed');
    const loaded = await ingestFiles(db, [csv]);
    assert.equal(loaded.rowsLoaded, ROWS.length);
    assert.ok(loaded.units[0]!.replaced.length > 0);
    assert.deepEqual(await costsByMonth(db, 'billed'), expected);

    const gz = join(dir, 'cur2.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(csv)));
    assert.equal((await ingestFiles(db, [gz])).rowsLoaded, ROWS.length);
    assert.deepEqual(await costsByMonth(db, 'billed'), expected);

    const parquet = join(dir, 'cur2.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT * FROM read_csv('${csv}', all_varchar = true, header = true)) TO '${parquet}' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    assert.equal((await ingestFiles(db, [parquet])).rowsLoaded, ROWS.length);
    assert.deepEqual(await costsByMonth(db, 'billed'), expected);
  });
});

describe('AWS savings plans, reservations and tags', () => {
  const db = join(dir, 'amortised.duckdb');
  const at = (name: string) => {
    const index = HEADER.indexOf(name);
    return index >= 0 ? index : -1;
  };
  /** One line item of the sample, with these cells set (columns the sample lacks are added). */
  const header = [...HEADER, 'reservation/ReservationARN', 'resourceTags/user:team'];
  const line = (cells: Record<string, string>) => {
    const row = [...ROWS[0]!, '', ''];
    for (const [name, value] of Object.entries(cells)) {
      const index = at(name) >= 0 ? at(name) : header.indexOf(name);
      assert.ok(index >= 0, name);
      row[index] = value;
    }
    return row;
  };
  const rows = [
    line({
      'lineItem/LineItemType': 'SavingsPlanCoveredUsage',
      'lineItem/UnblendedCost': '10.00',
      'savingsPlan/SavingsPlanARN': 'arn:sp',
      'savingsPlan/SavingsPlanEffectiveCost': '6.25',
      'resourceTags/user:team': 'payments',
    }),
    line({
      'lineItem/LineItemType': 'SavingsPlanNegation',
      'lineItem/UnblendedCost': '-10.00',
      'savingsPlan/SavingsPlanARN': 'arn:sp',
    }),
    line({
      'lineItem/LineItemType': 'SavingsPlanRecurringFee',
      'lineItem/UnblendedCost': '8.00',
      'savingsPlan/SavingsPlanARN': 'arn:sp',
      'savingsPlan/TotalCommitmentToDate': '8.00',
      'savingsPlan/UsedCommitment': '6.25',
    }),
    line({
      'lineItem/LineItemType': 'DiscountedUsage',
      'lineItem/UnblendedCost': '0',
      'reservation/ReservationARN': 'arn:ri',
      'reservation/EffectiveCost': '3.1415926535897932',
      'resourceTags/user:team': 'search',
    }),
    line({
      'lineItem/LineItemType': 'RIFee',
      'lineItem/UnblendedCost': '5.00',
      'reservation/ReservationARN': 'arn:ri',
      'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod': '0.50',
      'reservation/UnusedRecurringFee': '0.25',
    }),
    line({
      'lineItem/LineItemType': 'Fee',
      'lineItem/UnblendedCost': '100.00',
      'reservation/ReservationARN': 'arn:ri',
    }),
  ];
  const path = join(dir, 'amortised.csv');
  writeFileSync(path, writeCsv([header, ...rows]));

  it('amortises as AWS defines effective cost; billed is the unblended cost', async () => {
    const summary = await ingestFiles(db, [path]);
    assert.equal(normaliseDecimal(summary.totals[0]!.billedCost), '113');
    // 6.25 + 0 + (8 - 6.25) + 3.1415926535897932 + (0.5 + 0.25) + 0
    assert.equal(normaliseDecimal(summary.totals[0]!.effectiveCost), '11.8915926535897932');
  });

  it('keeps resourceTags/* as tags', async () => {
    const byTeam = await readCosts<{ 'tag:user:team': string | null }>(db, {
      by: 'tag:user:team',
      metric: 'effective',
    });
    const cost = (team: string | null) =>
      normaliseDecimal(byTeam.rows.find((row) => row['tag:user:team'] === team)!.cost);
    assert.equal(cost('payments'), '6.25');
    assert.equal(cost('search'), '3.1415926535897932');
  });
});

describe('broken AWS CUR files are refused and change nothing', () => {
  const db = join(dir, 'broken.duckdb');
  const variant = (name: string, edit: (header: string[], rows: string[][]) => void) => {
    const header = [...HEADER];
    const rows = ROWS.map((row) => [...row]);
    edit(header, rows);
    const file = join(dir, name);
    writeFileSync(file, writeCsv([header, ...rows]));
    return file;
  };
  const refused = async (file: string, code: string, message: RegExp) => {
    await withStores(db, async () => undefined);
    const before = await snapshotDatabase(db);
    await expectRefusal(
      () =>
        withStores(db, (stores) =>
          ingestBillingFiles(stores, [file], {
            labels: { onError: '--on-error' },
            onError: 'fail',
            dryRun: false,
            rejectReportPath: join(dir, 'rejected.csv'),
          }),
        ),
      code,
      'invalid-input',
      message,
    );
    assert.deepEqual(await snapshotDatabase(db), before, 'the database is exactly as it was');
  };

  it('text in the unblended cost names the row, the FOCUS column and the CUR column', async () => {
    const file = variant('text-cost.csv', (header, rows) => {
      rows[19]![header.indexOf('lineItem/UnblendedCost')] = 'n/a';
    });
    await refused(
      file,
      'INGEST_INVALID_ROWS',
      /row 20, column BilledCost \(from lineItem\/UnblendedCost\): "n\/a" is not a number/,
    );
  });

  it('text in a savings plan cost names the amortised effective cost and the value', async () => {
    const file = variant('text-sp-cost.csv', (header, rows) => {
      rows[2]![header.indexOf('lineItem/LineItemType')] = 'SavingsPlanCoveredUsage';
      rows[2]![header.indexOf('savingsPlan/SavingsPlanEffectiveCost')] = '1.2.3';
    });
    await refused(
      file,
      'INGEST_INVALID_ROWS',
      /row 3, column EffectiveCost \(from .*amortised.*\): "1\.2\.3" is not a number/,
    );
  });

  it('a missing currency column: says which formats it could be and why not', async () => {
    const file = variant('no-currency.csv', (header, rows) => {
      const index = header.indexOf('lineItem/CurrencyCode');
      header.splice(index, 1);
      for (const row of rows) row.splice(index, 1);
    });
    await refused(file, 'INGEST_NOT_FOCUS', /AWS Cost and Usage Report.*lacks lineItem\/CurrencyCode/);
  });

  it('a truncated file', async () => {
    const text = readFileSync(CUR_PATH, 'utf8');
    const file = join(dir, 'truncated-cur.csv');
    writeFileSync(file, text.slice(0, text.indexOf(',', text.indexOf('\n', text.length / 2) + 5)));
    await refused(file, 'INGEST_MALFORMED_CSV', /truncated/);
  });

  it('an impossible usage date', async () => {
    const file = variant('bad-date.csv', (header, rows) => {
      rows[4]![header.indexOf('lineItem/UsageStartDate')] = '2023-11-31T00:00:00Z';
    });
    await refused(
      file,
      'INGEST_INVALID_ROWS',
      /row 5, column ChargePeriodStart \(from lineItem\/UsageStartDate\): "2023-11-31T00:00:00Z" is not a valid date/,
    );
  });
});
