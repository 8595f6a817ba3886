import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { queryCosts } from '../../src/app/costs/query-costs.js';
import type { CostMetric } from '../../src/core/costs/cost-query.js';
import type { Stores } from '../../src/ports/stores.js';
import { normaliseDecimal, parseCsv, sumDecimals, writeCsv } from '../support/csv-text.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { ingestFiles, readCosts } from '../support/in-process-costs.js';
import { ENGINES, openFreshStores } from '../support/open-both-engines.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

// Hand-written from Google's documented export schema: no public sample exists (SOURCES.md there).
const FIXTURES = join(REPO_ROOT, 'test/fixtures/gcp');
const JSONL = join(FIXTURES, 'gcp-billing-export.jsonl');
const CSV = join(FIXTURES, 'gcp-billing-export.csv');
const dir = makeTempDir();
const [HEADER, ...ROWS] = parseCsv(readFileSync(CSV, 'utf8')) as [string[], ...string[][]];
const at = (name: string) => HEADER.indexOf(name);

/**
 * Independently of DuckDB: per currency and usage month, every row's cost plus the amounts in
 * its credits (as written in the file), summed exactly; `credits: false` leaves credits out.
 */
function expectedByMonth(options: { credits: boolean }) {
  const groups = new Map<string, string[]>();
  for (const row of ROWS) {
    const key = `${row[at('currency')]}|${row[at('usage_start_time')]!.slice(0, 7)}`;
    const amounts = [...row[at('credits')]!.matchAll(/"amount":(-?[0-9.eE+-]+)/g)].map((m) => m[1]!);
    groups.set(key, [...(groups.get(key) ?? []), row[at('cost')]!, ...(options.credits ? amounts : [])]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) => {
      const [currency, month] = key.split('|');
      return { currency, month, cost: sumDecimals(values) };
    });
}

async function costsByMonth(stores: Stores, metric: CostMetric, filters: string[] = []) {
  const report = await queryCosts(stores.costs, {
    groupBy: ['month'],
    metric,
    filters: filters.map((value) => ({ dimension: 'charge-category' as const, values: [value] })),
  });
  return report.rows
    .map((row) => ({
      currency: row.currency,
      month: String(row.dimensions.month),
      cost: normaliseDecimal(String(row.cost)),
    }))
    .sort((a, b) => `${a.currency}|${a.month}`.localeCompare(`${b.currency}|${b.month}`));
}

for (const engine of ENGINES) {
  describe(`Google Cloud billing export on ${engine}`, async () => {
    const stores = await openFreshStores(engine);
    after(() => stores.close());
    const ingest = (paths: string[]) =>
      ingestBillingFiles(stores, paths, {
        onError: 'fail',
        dryRun: false,
        rejectReportPath: join(dir, 'r.csv'),
      });

    it('JSON lines: each credit a line of its own; cost plus credits equal the file per currency and month', async () => {
      const summary = await ingest([JSONL]);
      assert.deepEqual(summary.units[0]!.sourceFormats, ['gcp-billing']);
      // 7 rows, 5 credits among them.
      assert.equal(summary.rowsLoaded, 12);
      assert.deepEqual(await costsByMonth(stores, 'billed'), expectedByMonth({ credits: true }));
      assert.deepEqual(await costsByMonth(stores, 'effective'), expectedByMonth({ credits: true }));
      const withoutCredits = await costsByMonth(stores, 'billed', ['Usage', 'Tax']);
      assert.deepEqual(withoutCredits, expectedByMonth({ credits: false }));
    });

    it('the CSV form of the same rows replaces the JSON load: nothing counted twice', async () => {
      const summary = await ingest([CSV]);
      assert.equal(summary.rowsLoaded, 12);
      assert.ok(summary.units[0]!.replaced.length > 0);
      assert.deepEqual(await costsByMonth(stores, 'billed'), expectedByMonth({ credits: true }));
    });
  });
}

describe('Google Cloud lines: projects, labels, credits and commitments', () => {
  const db = join(dir, 'mapping.duckdb');

  it('labels are tags on the cost line and its credits; a committed use discount names its commitment', async () => {
    await ingestFiles(db, [JSONL]);
    const payments = await readCosts<{ 'charge-category': string; 'commitment-discount': string | null }>(
      db,
      {
        by: 'charge-category',
        metric: 'billed',
        filters: ['tag:team=payments'],
      },
    );
    const credit = payments.rows.find((row) => row['charge-category'] === 'Credit')!;
    assert.equal(normaliseDecimal(credit.cost), '-0.123814');
    const bySubAccount = await readCosts<{ 'sub-account': string }>(db, {
      by: 'sub-account',
      metric: 'billed',
    });
    assert.deepEqual(bySubAccount.rows.map((row) => row['sub-account']).sort(), [
      'eu-archive',
      'shop-data',
      'shop-prod',
    ]);
  });
});

describe('broken Google Cloud exports are refused and change nothing', () => {
  const db = join(dir, 'broken.duckdb');
  const refused = async (file: string, code: string, message: RegExp) => {
    await withStores(db, async () => undefined);
    const before = await snapshotDatabase(db);
    await expectRefusal(() => ingestFiles(db, [file]), code, 'invalid-input', message);
    assert.deepEqual(await snapshotDatabase(db), before, 'the database is exactly as it was');
  };
  const variant = (name: string, edit: (header: string[], rows: string[][]) => void) => {
    const header = [...HEADER];
    const rows = ROWS.map((row) => [...row]);
    edit(header, rows);
    const file = join(dir, name);
    writeFileSync(file, writeCsv([header, ...rows]));
    return file;
  };

  it('credits that are not a JSON list: the cost line names the text (its credits would be lost)', async () => {
    const file = variant('bad-credits.csv', (header, rows) => {
      rows[0]![header.indexOf('credits')] = '[{"amount": -0.03';
    });
    await refused(
      file,
      'INGEST_INVALID_ROWS',
      /row 1, column BilledCost \(from cost, or a credit amount in credits\): "\[\{\\?"amount/,
    );
  });

  it('text in a credit amount', async () => {
    const file = variant('bad-credit-amount.csv', (header, rows) => {
      rows[3]![header.indexOf('credits')] = '[{"name":"Free tier","amount":"all of it","type":"FREE_TIER"}]';
    });
    await refused(file, 'INGEST_INVALID_ROWS', /"all of it" is not a number/);
  });

  it('a missing currency column: says which formats it could be and why not', async () => {
    const file = variant('no-currency.csv', (header, rows) => {
      const index = header.indexOf('currency');
      header.splice(index, 1);
      for (const row of rows) row.splice(index, 1);
    });
    await refused(file, 'INGEST_NOT_FOCUS', /Google Cloud billing export.*lacks currency/);
  });

  it('JSON lines cut short in the middle of a row', async () => {
    const text = readFileSync(JSONL, 'utf8');
    const file = join(dir, 'truncated.jsonl');
    writeFileSync(file, text.slice(0, text.length - 200));
    await refused(file, 'INGEST_BAD_JSON', /not readable JSON/);
  });
});
