import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { rollUpCapexOpex } from '../../src/app/assets/capex-opex-rollup.js';
import { loadAssetRegister } from '../../src/app/assets/manage-asset-register.js';
import { postDepreciation } from '../../src/app/assets/post-depreciation.js';
import { readRegisterFile } from '../../src/app/assets/read-register-file.js';
import { auditRecorder, commandLineActor } from '../../src/app/audit/record-audit.js';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { monthIndex } from '../../src/core/assets/calendar-months.js';
import { ASSET_PROVIDER } from '../../src/core/assets/depreciation-cost-lines.js';
import { buildDepreciationSchedule } from '../../src/core/assets/depreciation-schedule.js';
import { Decimal } from '../../src/core/money.js';
import type { Stores } from '../../src/ports/stores.js';
import { writeFocusFixture } from '../budgets/cost-fixture.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const dir = makeTempDir();
const db = join(dir, 'post.duckdb');

/** What the register's schedules charge up to and including `through`, per asset summed. */
async function scheduledThrough(stores: Stores, through: string): Promise<string> {
  let total = new Decimal(0);
  for (const { asset } of await stores.assets.listAssets())
    for (const month of buildDepreciationSchedule(asset))
      if (monthIndex(month.month) <= monthIndex(through))
        total = total.plus(month.depreciation).plus(month.impairment).plus(month.writeOff);
  return total.toFixed();
}

async function postedTotal(stores: Stores, metric: 'billed' | 'effective' = 'effective') {
  const rows = await stores.costs.queryCosts({ groupBy: ['provider'], metric, filters: [] });
  const row = rows.find((candidate) => candidate.dimensions.provider === ASSET_PROVIDER);
  return row ? new Decimal(row.cost).toFixed() : '0';
}

describe('depreciation posted as cost lines through ingestion', () => {
  before(async () => {
    await withStores(db, async (stores) => {
      await applyCatalog(
        stores,
        packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
        commandLineActor(),
      );
      const path = packageRootPath('examples', 'assets', 'asset-register.csv');
      await loadAssetRegister(
        stores,
        await readRegisterFile(stores, path, 'assets'),
        { what: path, firstLine: 2 },
        'test',
        auditRecorder(stores, commandLineActor()),
      );
    });
  });

  it('stores exactly the scheduled amounts, and a later posting replaces the months it repeats', async () => {
    await withStores(db, async (stores) => {
      const record = auditRecorder(stores, commandLineActor());
      const first = await postDepreciation(stores, { through: '2025-06', recordChange: record });
      assert.equal(first.status, 'loaded');
      assert.equal(first.assets, 4, 'the laptop is not in service');
      assert.equal(await postedTotal(stores), await scheduledThrough(stores, '2025-06'));
      assert.equal(await postedTotal(stores, 'billed'), await scheduledThrough(stores, '2025-06'));
      const second = await postDepreciation(stores, { through: '2025-12', recordChange: record });
      assert.equal(second.status, 'loaded');
      assert.equal(
        await postedTotal(stores),
        await scheduledThrough(stores, '2025-12'),
        'posting again through a later month counts every month once',
      );
      const byMonth = await stores.costs.queryCosts({
        groupBy: ['month', 'tag:team', 'charge-category'],
        metric: 'effective',
        filters: [{ dimension: 'provider', values: [ASSET_PROVIDER] }],
      });
      const june = byMonth.filter((row) => row.dimensions.month === '2025-06');
      assert.deepEqual([...new Set(june.map((row) => row.dimensions['tag:team']))].sort(), [
        'payments',
        'platform',
      ]);
      assert.ok(june.every((row) => row.dimensions['charge-category'] === 'Purchase'));
      const audit = await stores.access.audit.listEntries({});
      assert.equal(
        audit.filter((entry) => entry.action === 'ingest.load').length,
        2,
        'each posting is an audited load',
      );
    });
  });

  it('refuses a month that is not one, or a posting with nothing to post, writing nothing', async () => {
    const before = await snapshotDatabase(db);
    await withStores(db, async (stores) => {
      const record = auditRecorder(stores, commandLineActor());
      await expectRefusal(
        () => postDepreciation(stores, { through: '2025-6', recordChange: record }),
        'ASSET_BAD_MONTH',
        'usage',
        /YYYY-MM/,
      );
      await expectRefusal(
        () => postDepreciation(stores, { through: '2020-01', recordChange: record }),
        'ASSETS_NOTHING_TO_POST',
        'conflict',
        /No asset in the register depreciates up to 2020-01/,
      );
    });
    assert.deepEqual(await snapshotDatabase(db), before);
  });

  it('rolls CAPEX (posted depreciation) and OPEX (every other line) up per team and month', async () => {
    const bills = join(dir, 'bills.csv');
    writeFocusFixture(bills, [
      { day: '2025-06-03', cost: '100.25', team: 'payments' },
      { day: '2025-06-20', cost: '50', team: 'payments' },
      { day: '2025-07-01', cost: '7.5', team: 'search' },
    ]);
    await withStores(db, async (stores) => {
      await ingestBillingFiles(stores, [bills], {
        onError: 'fail',
        dryRun: false,
        rejectReportPath: join(dir, 'r.csv'),
      });
      const rows = await rollUpCapexOpex(stores, { by: 'tag:team', from: '2025-06-01', to: '2025-08-01' });
      // The register is in EUR, the bills in USD: each currency is its own row, never added up.
      const june = rows.find(
        (row) => row.month === '2025-06' && row.owner === 'payments' && row.currency === 'EUR',
      )!;
      const juneBills = rows.find(
        (row) => row.month === '2025-06' && row.owner === 'payments' && row.currency === 'USD',
      )!;
      const posted = await stores.costs.queryCosts({
        groupBy: ['month', 'tag:team'],
        metric: 'effective',
        from: '2025-06-01',
        to: '2025-07-01',
        filters: [
          { dimension: 'provider', values: [ASSET_PROVIDER] },
          { dimension: 'tag:team', values: ['payments'] },
        ],
      });
      assert.equal(june.capex, new Decimal(posted[0]!.cost).toFixed());
      assert.ok(new Decimal(june.capex).gt(0));
      assert.equal(june.opex, '0');
      assert.deepEqual([juneBills.capex, juneBills.opex], ['0', '150.25']);
      const search = rows.find((row) => row.month === '2025-07' && row.owner === 'search')!;
      assert.deepEqual([search.capex, search.opex], ['0', '7.5']);
      assert.ok(!rows.some((row) => row.month === '2025-08'), 'no month beyond the range');
      await expectRefusal(
        () => rollUpCapexOpex(stores, { by: 'month' }),
        'ASSET_BAD_OWNER',
        'usage',
        /owner/,
      );
      await expectRefusal(
        () => rollUpCapexOpex(stores, { by: 'tag:team', from: '2025-13-01' }),
        'QUERY_BAD_DATE',
        'usage',
        /not a date/,
      );
    });
  });
});
