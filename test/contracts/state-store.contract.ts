import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NewLoad } from '../../src/ports/state-store.js';
import type { StoresFactory } from './cost-store.contract.js';

function newLoad(hash: string, periods: [string, string, string][]): NewLoad {
  return {
    sourceFormat: 'focus',
    focusVersion: '1.2',
    inputPath: `/exports/${hash}`,
    contentHash: hash,
    fileCount: 1,
    rowCount: periods.length,
    rejectedCount: 0,
    warnings: { 'normalised_case:ChargeFrequency': 2 },
    files: [
      { path: `/exports/${hash}/part-1.csv`, sha256: `${hash}-file`, bytes: 123, rowCount: periods.length },
    ],
    periods: periods.map(([provider, account, start]) => ({
      providerName: provider,
      billingAccountId: account,
      billingPeriodStart: start,
      billingCurrency: 'USD',
      rowCount: 1,
      billedCost: '1.00000000001',
      effectiveCost: '0.5',
    })),
  };
}

/** The contract every StateStore adapter must keep. */
export function runStateStoreContract(adapter: string, openStores: StoresFactory): void {
  describe(`StateStore contract: ${adapter}`, () => {
    it('records loads with their files and periods, and finds them by id and content hash', async () => {
      const stores = await openStores();
      try {
        const id = await stores.state.nextLoadId();
        assert.ok((await stores.state.nextLoadId()) > id, 'ids only grow');
        await stores.state.insertLoad(id, newLoad('h1', [['AWS', 'a1', '2026-01-01 00:00:00']]));
        const load = await stores.state.getLoad(id);
        assert.equal(load?.status, 'active');
        assert.equal(load?.contentHash, 'h1');
        assert.deepEqual(load?.warnings, { 'normalised_case:ChargeFrequency': 2 });
        assert.equal(load?.files[0]?.bytes, 123);
        assert.equal(load?.periods[0]?.billedCost.replace(/0+$/, ''), '1.00000000001');
        assert.equal((await stores.state.findLoadByHash('h1'))?.id, id);
        assert.equal(await stores.state.findLoadByHash('nope'), undefined);
        assert.equal(await stores.state.getLoad(id + 1000), undefined);
      } finally {
        await stores.close();
      }
    });

    it('tracks which periods a later load replaced, and the status that follows', async () => {
      const stores = await openStores();
      try {
        const first = await stores.state.nextLoadId();
        await stores.state.insertLoad(
          first,
          newLoad('p1', [
            ['AWS', 'a1', '2026-01-01 00:00:00'],
            ['AWS', 'a1', '2026-02-01 00:00:00'],
          ]),
        );
        const second = await stores.state.nextLoadId();
        await stores.state.insertLoad(second, newLoad('p2', [['AWS', 'a1', '2026-01-01 00:00:00']]));
        const january = {
          providerName: 'AWS',
          billingAccountId: 'a1',
          billingPeriodStart: '2026-01-01 00:00:00',
        };
        const current = await stores.state.findCurrentPeriods(january, second);
        assert.deepEqual(
          current.map((period) => period.loadId),
          [first],
        );
        await stores.state.markPeriodReplaced(first, january, second);
        await stores.state.refreshLoadStatus(first);
        assert.equal((await stores.state.getLoad(first))?.status, 'active', 'February is still current');
        assert.deepEqual(await stores.state.findCurrentPeriods(january, second), []);
        const february = { ...january, billingPeriodStart: '2026-02-01 00:00:00' };
        await stores.state.markPeriodReplaced(first, february, second);
        await stores.state.refreshLoadStatus(first);
        assert.equal((await stores.state.getLoad(first))?.status, 'replaced');
        assert.deepEqual(
          (await stores.state.listLoads()).map((load) => load.id),
          [second],
        );
        assert.deepEqual(
          (await stores.state.listLoads({ includeInactive: true })).map((load) => load.id),
          [first, second],
        );
        await stores.state.markLoadRemoved(second);
        assert.equal(
          await stores.state.findLoadByHash('p2'),
          undefined,
          'a removed load can be loaded again',
        );
      } finally {
        await stores.close();
      }
    });
  });
}
