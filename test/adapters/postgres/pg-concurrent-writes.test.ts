import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openPostgresStores, type PostgresStores } from '../../../src/adapters/open-postgres-stores.js';
import { packageRootPath } from '../../../src/adapters/package-root.js';
import { ensureMonthPartitions } from '../../../src/adapters/postgres/pg-month-partitions.js';
import { loadDrivers } from '../../../src/app/allocation/load-drivers.js';
import { applyCatalog } from '../../../src/app/allocation/manage-catalog.js';
import { applyRules } from '../../../src/app/allocation/manage-rules.js';
import { allocatePeriods } from '../../../src/app/allocation/run-allocation.js';
import { commandLineActor } from '../../../src/app/audit/record-audit.js';
import { ingestBillingFiles } from '../../../src/app/costs/ingest-billing-files.js';
import { Decimal } from '../../../src/core/money.js';
import { demoDriversCsv } from '../../../src/demo/allocation/demo-drivers.js';
import { DEMO_YEAR } from '../../../src/demo/plan-demo-billing.js';
import { writeDemoExports } from '../../../src/demo/write-demo-exports.js';
import { normaliseDecimal } from '../../support/csv-text.js';
import { sharedPostgresCluster } from '../../support/postgres-cluster.js';
import { makeTempDir } from '../../support/temp-dir.js';

const DEMO_FILES = packageRootPath('src', 'demo', 'allocation');

/**
 * Two "processes" (two sets of stores, each with its own connection pool) write the same
 * billing period or allocate the same month at the same moment: the second waits for the
 * first and replaces it, so the period is counted once and one allocation run stays current.
 */
describe('PostgreSQL: two processes writing the same period at once', () => {
  let first: PostgresStores;
  let second: PostgresStores;
  const work = makeTempDir();
  let folderA: string;
  let folderB: string;

  before(async () => {
    const cluster = await sharedPostgresCluster();
    const url = await cluster.createDatabase();
    const open = () =>
      openPostgresStores({
        url,
        poolSize: 3,
        connectRetryMs: 0,
        migrate: true,
        memoryLimit: '256MB',
        threads: 1,
      });
    first = await open();
    second = await open();
    // Two exports of the same account and month with different contents (different seeds).
    folderA = (await writeDemoExports({ outDir: join(work, 'a'), seed: 3, rows: 2_000 })).folders[0]!;
    folderB = (await writeDemoExports({ outDir: join(work, 'b'), seed: 4, rows: 2_000 })).folders[0]!;
    assert.equal(folderA.slice(join(work, 'a').length), folderB.slice(join(work, 'b').length));
    // The months' partitions exist already, as after any earlier load (creating one would
    // itself order the two loads).
    await ensureMonthPartitions(
      first.pg,
      Array.from({ length: 12 }, (_, index) => `${DEMO_YEAR}-${String(index + 1).padStart(2, '0')}-01`),
    );
  });
  after(async () => {
    await first?.close();
    await second?.close();
  });

  const ingest = (stores: PostgresStores, folder: string) =>
    ingestBillingFiles(stores, [folder], {
      onError: 'fail',
      dryRun: false,
      rejectReportPath: join(work, 'r.csv'),
    });

  test('loads of one period side by side: one stays current, its lines alone are counted', async () => {
    const [a, b] = await Promise.all([ingest(first, folderA), ingest(second, folderB)]);
    const loads = await first.state.listLoads({ includeInactive: true });
    assert.equal(loads.length, 2);
    const current = loads.filter((load) => load.status === 'active');
    assert.equal(current.length, 1, 'exactly one of the two loads is current');
    const winner = current[0]!.id === a.units[0]!.loadId ? a : b;
    const lines = await first.pg.one<{ n: string }>('SELECT count(*) AS n FROM cost_lines');
    assert.equal(Number(lines!.n), winner.rowsLoaded);
    const totals = await first.costs.queryCosts({ groupBy: ['currency'], metric: 'billed', filters: [] });
    assert.deepEqual(
      totals.map((row) => [row.currency, new Decimal(row.cost).toString()]).sort(),
      winner.totals.map((total) => [total.currency, new Decimal(total.billedCost).toString()]).sort(),
    );
  });

  test('allocations of one month side by side: one run stays current and only its lines remain', async () => {
    await applyCatalog(first, join(DEMO_FILES, 'demo-catalog.yaml'), commandLineActor());
    await applyRules(first, join(DEMO_FILES, 'demo-rules.yaml'), { actor: commandLineActor() });
    const period = (await first.state.listLoads())[0]!.periods[0]!.billingPeriodStart.slice(0, 7);
    writeFileSync(join(work, 'drivers.csv'), demoDriversCsv([period]));
    await loadDrivers(first, join(work, 'drivers.csv'), commandLineActor());
    const [a, b] = await Promise.all([
      allocatePeriods(first, period, commandLineActor()),
      allocatePeriods(second, period, commandLineActor()),
    ]);
    const runs = await first.allocation.runs.listRuns(period);
    assert.equal(runs.length, 2);
    assert.equal(runs.filter((run) => run.status === 'current').length, 1);
    const current = runs.find((run) => run.status === 'current')!;
    const rows = await first.pg.all<{ run_id: string; n: string }>(
      'SELECT run_id, count(*) AS n FROM allocated_lines WHERE period = $period GROUP BY run_id',
      { period },
    );
    assert.deepEqual(
      rows.map((row) => Number(row.run_id)),
      [current.id],
    );
    assert.ok([a.runs[0]!.id, b.runs[0]!.id].includes(current.id));
    // The rollup holds the current run's shares once: owner totals equal the run's own totals.
    const owners = await first.costs.queryCosts({
      groupBy: ['currency'],
      metric: 'effective',
      filters: [{ dimension: 'team', values: ['payments'] }],
    });
    const direct = await first.allocation.runs.ownerTotals(period, 'allocated_lines', 'team');
    const payments = direct.filter((row) => row.owner === 'payments');
    // Compared as numbers: the cost store answers canonical decimals, the run store NUMERIC text.
    assert.deepEqual(
      owners.map((row) => [row.currency, normaliseDecimal(row.cost)]).sort(),
      payments.map((row) => [row.currency, normaliseDecimal(row.effectiveCost)]).sort(),
    );
  });
});
