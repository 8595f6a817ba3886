import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { queryCosts } from '../../src/app/costs/query-costs.js';
import { tourDemoCosts } from '../../src/app/demo/demo-tour.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import { writeDemoExports } from '../../src/demo/write-demo-exports.js';
import { makeTempDir } from '../support/temp-dir.js';
import { fromScaled, listCsvFiles, readCsvRecords, toScaled } from './read-demo-csv.js';

describe('demo data through ingest', () => {
  it('loads every export with zero rejected rows, no warnings, and totals equal to the CSV sums', async () => {
    const dir = makeTempDir();
    const written = await writeDemoExports({ seed: 11, rows: 6_000, outDir: join(dir, 'out') });
    const stores = await openTollgate(loadConfig({ db: join(dir, 'demo.duckdb') }, {}));
    try {
      const summary = await ingestBillingFiles(stores, written.folders, {
        onError: 'fail',
        dryRun: false,
        rejectReportPath: join(dir, 'rejected.csv'),
      });
      assert.equal(summary.units.length, written.folders.length);
      assert.ok(summary.units.every((unit) => unit.status === 'loaded'));
      assert.equal(summary.rowsLoaded, written.rows);
      assert.equal(summary.rowsRejected, 0);
      assert.deepEqual(summary.warnings, {});
      assert.equal(summary.rejectReport, null);

      // Independent sums: the CSV text added up as BigInt, per currency and metric.
      const expected = new Map<string, { billed: bigint; effective: bigint }>();
      for (const file of listCsvFiles(written.outDir)) {
        for (const record of readCsvRecords(file).records) {
          const total = expected.get(record.BillingCurrency) ?? { billed: 0n, effective: 0n };
          total.billed += toScaled(record.BilledCost);
          total.effective += toScaled(record.EffectiveCost);
          expected.set(record.BillingCurrency, total);
        }
      }
      for (const metric of ['billed', 'effective'] as const) {
        const report = await queryCosts(stores.costs, { groupBy: ['currency'], metric, filters: [] });
        assert.deepEqual(
          report.rows.map((row) => [row.currency, fromScaled(toScaled(row.cost))]).sort(),
          [...expected.entries()].map(([currency, total]) => [currency, fromScaled(total[metric])]).sort(),
        );
      }

      const tour = await tourDemoCosts(stores.costs);
      assert.equal(tour.spendByMonth.rows.length, 24);
      for (const row of tour.spendByMonth.rows)
        assert.equal(toScaled(row.billed), toScaled(row.effective), row.month);
      assert.equal(tour.topMovers.currentMonth, '2025-12');
      assert.equal(tour.topMovers.previousMonth, '2025-11');
      assert.ok(tour.topMovers.rows.length > 0);
      for (const move of tour.topMovers.rows) {
        assert.equal(toScaled(move.current) - toScaled(move.previous), toScaled(move.change));
      }

      const again = await ingestBillingFiles(stores, written.folders, {
        onError: 'fail',
        dryRun: false,
        rejectReportPath: join(dir, 'rejected.csv'),
      });
      assert.ok(again.units.every((unit) => unit.status === 'already-loaded'));
      const after = await queryCosts(stores.costs, { groupBy: ['currency'], metric: 'billed', filters: [] });
      assert.deepEqual(
        after.rows.map((row) => [row.currency, fromScaled(toScaled(row.cost))]).sort(),
        [...expected.entries()].map(([currency, total]) => [currency, fromScaled(total.billed)]).sort(),
      );
    } finally {
      await stores.close();
    }
  });
});
