import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { queryCosts } from '../../src/app/costs/query-costs.js';
import type { CostMetric } from '../../src/core/costs/cost-query.js';
import type { Stores } from '../../src/ports/stores.js';
import { normaliseDecimal, parseCsv, writeCsv } from '../support/csv-text.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { ingestFiles, readCosts } from '../support/in-process-costs.js';
import { addMonthTotals, sumByMonth } from '../support/independent-sums.js';
import { ENGINES, openFreshStores } from '../support/open-both-engines.js';
import { SHARED_DATA } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const AZURE = join(SHARED_DATA, 'azure');
const ACTUAL = join(AZURE, 'EA_ActualCost_Small.csv');
const AMORTISED = join(AZURE, 'EA_AmortizedCost_Small.csv');
const EA_SAMPLE = join(AZURE, 'sample-anonymous-ea-export-dataset.csv');
const dir = makeTempDir();

/** Both exports of September 2023 for account 8611537, delivered to one folder: one load. */
const PAIR = join(dir, 'azure-september');
mkdirSync(PAIR);
copyFileSync(ACTUAL, join(PAIR, 'EA_ActualCost_Small.csv'));
copyFileSync(AMORTISED, join(PAIR, 'EA_AmortizedCost_Small.csv'));

// The independent sums read the samples with DuckDB directly, as Azure documents the columns.
const rows = (path: string, where = 'true') =>
  `(SELECT * FROM read_csv('${path}', all_varchar = true, header = true) WHERE ${where})`;
const month = (column: string) => `strftime(strptime(${column}, '%m/%d/%Y'), '%Y-%m')`;
const COMMITMENT = `"PricingModel" IN ('Reservation', 'SavingsPlan')`;
const EA_COLUMNS = { currency: 'BillingCurrency', month: month('"Date"'), cost: '"Cost"' };

const expected = {
  eaSample: () =>
    sumByMonth(rows(EA_SAMPLE), {
      currency: 'BillingCurrencyCode',
      month: month('"Date"'),
      cost: 'CostInBillingCurrency',
    }),
  actual: () => sumByMonth(rows(ACTUAL), EA_COLUMNS),
  amortisedEffective: () => sumByMonth(rows(AMORTISED), EA_COLUMNS),
  // Usage a commitment covered was paid for by the commitment's purchase: billed 0.
  amortisedBilled: () =>
    sumByMonth(rows(AMORTISED, `NOT (${COMMITMENT} AND "ChargeType" = 'Usage')`), EA_COLUMNS),
  actualPurchases: () =>
    sumByMonth(rows(ACTUAL, `${COMMITMENT} AND "ChargeType" IN ('Purchase', 'Refund')`), EA_COLUMNS),
};

async function costsByMonth(stores: Stores, metric: CostMetric) {
  const report = await queryCosts(stores.costs, { groupBy: ['month'], metric, filters: [] });
  return report.rows.map((row) => ({
    currency: row.currency,
    month: String(row.dimensions.month),
    cost: normaliseDecimal(String(row.cost)),
  }));
}

for (const engine of ENGINES) {
  describe(`Azure cost exports on ${engine}`, async () => {
    const stores = await openFreshStores(engine);
    after(() => stores.close());
    const ingest = (paths: string[]) =>
      ingestBillingFiles(stores, paths, {
        onError: 'fail',
        dryRun: false,
        rejectReportPath: join(dir, 'r.csv'),
      });

    it('the anonymous EA export (CAD, m/d/yyyy dates, exponents, tags without braces): totals equal the file', async () => {
      const summary = await ingest([EA_SAMPLE]);
      assert.equal(summary.rowsLoaded, 27);
      assert.deepEqual(summary.units[0]!.sourceFormats, ['azure-actual']);
      const cad = (await expected.eaSample()).map((row) => ({ ...row }));
      assert.deepEqual(
        (await costsByMonth(stores, 'billed')).filter((row) => row.currency === 'CAD'),
        cad,
      );
      assert.deepEqual(
        (await costsByMonth(stores, 'effective')).filter((row) => row.currency === 'CAD'),
        cad,
      );
    });

    it('actual and amortised of one period in one load: the amortised lines plus the actual purchases, nothing twice', async () => {
      const summary = await ingest([PAIR]);
      assert.deepEqual(summary.units[0]!.sourceFormats.sort(), ['azure-actual', 'azure-amortised']);
      // 28 amortised lines + the one reservation purchase of the actual export.
      assert.equal(summary.rowsLoaded, 29);
      assert.deepEqual(summary.warnings, {
        // The sample's Cost has values with 17 to 28 decimals (e.g. 0.0001188669167459011366): kept to 16, and counted.
        'decimals_rounded:BilledCost (from Cost)': 4,
        'decimals_rounded:ContractedCost (from Cost)': 4,
        'decimals_rounded:EffectiveCost (from Cost)': 4,
        'decimals_rounded:ListCost (from Cost)': 4,
      });
      const usd = (metric: CostMetric) =>
        costsByMonth(stores, metric).then((all) => all.filter((row) => row.currency === 'USD'));
      assert.deepEqual(
        await usd('billed'),
        addMonthTotals(await expected.amortisedBilled(), await expected.actualPurchases()),
      );
      assert.deepEqual(await usd('effective'), await expected.amortisedEffective());
    });
  });
}

describe('Azure exports read alone, and the mapping', () => {
  const db = join(dir, 'alone.duckdb');

  it('an actual export alone: billed and effective are the invoiced cost (the purchase on its day)', async () => {
    const summary = await ingestFiles(db, [ACTUAL]);
    assert.equal(summary.rowsLoaded, 11);
    const actual = await expected.actual();
    const byMonth = async (metric: CostMetric) =>
      (await readCosts<{ month: string }>(db, { by: 'month', metric })).rows.map((row) => ({
        currency: row.currency,
        month: row.month,
        cost: normaliseDecimal(row.cost),
      }));
    assert.deepEqual(await byMonth('billed'), actual);
    assert.deepEqual(await byMonth('effective'), actual);
  });

  it('an amortised export alone replaces it, and warns that its billed cost lacks the commitment purchases', async () => {
    const summary = await ingestFiles(db, [AMORTISED]);
    assert.equal(summary.rowsLoaded, 28);
    assert.equal(summary.units[0]!.replaced.length, 1);
    assert.deepEqual(summary.warnings, {
      'azure:amortised-without-actual-export': 1,
      'decimals_rounded:BilledCost (from Cost)': 4,
      'decimals_rounded:ContractedCost (from Cost)': 4,
      'decimals_rounded:EffectiveCost (from Cost)': 4,
      'decimals_rounded:ListCost (from Cost)': 4,
    });
    const billed = await readCosts<{ month: string }>(db, { by: 'month', metric: 'billed' });
    assert.equal(normaliseDecimal(billed.rows[0]!.cost), (await expected.amortisedBilled())[0]!.cost);
  });

  it('maps provider, charge category, commitment and tags', async () => {
    const byCategory = await readCosts<{ provider: string; 'charge-category': string; service: string }>(db, {
      by: 'provider,charge-category',
      metric: 'effective',
    });
    assert.deepEqual(
      byCategory.rows.map((row) => [row.provider, row['charge-category']]),
      [['Microsoft', 'Usage']],
    );
    const byEnv = await readCosts<{ 'tag:env': string | null }>(db, { by: 'tag:env', metric: 'effective' });
    assert.ok(byEnv.rows.some((row) => row['tag:env'] === 'prod'));
  });
});

describe('broken Azure exports are refused and change nothing', () => {
  const db = join(dir, 'broken.duckdb');
  const [HEADER, ...ROWS] = parseCsv(readFileSync(ACTUAL, 'utf8').replace(/^\uFEFF/, '')) as [
    string[],
    ...string[][],
  ];
  const variant = (name: string, edit: (header: string[], rows: string[][]) => void) => {
    const header = [...HEADER];
    const copy = ROWS.map((row) => [...row]);
    edit(header, copy);
    const file = join(dir, name);
    writeFileSync(file, writeCsv([header, ...copy]));
    return file;
  };
  const refused = async (file: string, code: string, message: RegExp) => {
    await withStores(db, async () => undefined);
    const before = await snapshotDatabase(db);
    await expectRefusal(() => ingestFiles(db, [file]), code, 'invalid-input', message);
    assert.deepEqual(await snapshotDatabase(db), before, 'the database is exactly as it was');
  };

  it('text in the cost names the row, the FOCUS column and the Azure column', async () => {
    const file = variant('text-cost.csv', (header, rows) => {
      rows[3]![header.indexOf('Cost')] = 'twelve';
    });
    await refused(
      file,
      'INGEST_INVALID_ROWS',
      /row 4, column BilledCost \(from Cost\): "twelve" is not a number/,
    );
  });

  it('an impossible date', async () => {
    const file = variant('bad-date.csv', (header, rows) => {
      rows[1]![header.indexOf('Date')] = '09/31/2023';
    });
    await refused(
      file,
      'INGEST_INVALID_ROWS',
      /row 2, column ChargePeriod(Start|End) \(from Date\): "09\/31\/2023" is not a valid date/,
    );
  });

  it('a missing currency column: says which formats it could be and why not', async () => {
    const file = variant('no-currency.csv', (header, rows) => {
      const index = header.indexOf('BillingCurrency');
      header.splice(index, 1);
      for (const row of rows) row.splice(index, 1);
    });
    await refused(
      file,
      'INGEST_NOT_FOCUS',
      /Azure Cost Management export.*lacks BillingCurrencyCode or BillingCurrency/,
    );
  });

  it('a truncated file', async () => {
    const text = readFileSync(ACTUAL, 'utf8');
    const file = join(dir, 'truncated-azure.csv');
    writeFileSync(file, text.slice(0, text.indexOf(',', text.indexOf('\n', text.length / 2) + 5)));
    await refused(file, 'INGEST_MALFORMED_CSV', /truncated/);
  });
});
