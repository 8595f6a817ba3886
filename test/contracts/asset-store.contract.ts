import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AssetStore } from '../../src/ports/asset-store.js';
import { serverAsset } from '../assets/asset-fixture.js';

export interface AssetContractStores {
  assets: AssetStore;
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** What every engine's asset register must do: versions per id, the newest is current, exact amounts. */
export function runAssetStoreContract(engine: string, open: () => Promise<AssetContractStores>): void {
  describe(`AssetStore contract (${engine})`, () => {
    let stores: AssetContractStores;
    before(async () => {
      stores = await open();
    });
    after(async () => {
      await stores?.close();
    });

    it('keeps every version, numbering each id on its own, and lists the newest of each by id', async () => {
      const first = serverAsset({ id: 'srv-b', acquisitionCost: '12345.6789012345678901' });
      const second = serverAsset({ id: 'srv-a', impairments: [{ on: '2026-06-30', amount: '100.5' }] });
      assert.deepEqual(await stores.assets.saveAssetVersions([first, second], 'olivia'), [1, 1]);
      const moved = { ...first, location: 'dc-ams-2', status: 'retired' as const, retiredOn: '2027-01-31' };
      assert.deepEqual(await stores.assets.saveAssetVersions([moved], 'bea'), [2]);
      const listed = await stores.assets.listAssets();
      assert.deepEqual(
        listed.map((version) => [version.asset.id, version.version, version.changedBy]),
        [
          ['srv-a', 1, 'olivia'],
          ['srv-b', 2, 'bea'],
        ],
      );
      assert.deepEqual(listed[1]?.asset, moved, 'the asset comes back exactly, amounts to the last digit');
      assert.match(listed[0]!.changedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const history = await stores.assets.assetHistory('srv-b');
      assert.deepEqual(
        history.map((version) => [version.version, version.asset.location]),
        [
          [1, 'dc-fra-1'],
          [2, 'dc-ams-2'],
        ],
      );
      assert.equal((await stores.assets.getAsset('srv-b'))?.version, 2);
    });

    it('answers nothing for an id it does not hold, and saving no assets writes nothing', async () => {
      assert.equal(await stores.assets.getAsset('nope'), undefined);
      assert.deepEqual(await stores.assets.assetHistory('nope'), []);
      const before = await stores.assets.listAssets();
      assert.deepEqual(await stores.assets.saveAssetVersions([], 'x'), []);
      assert.deepEqual(await stores.assets.listAssets(), before);
    });

    it('a transaction that fails after saving leaves the register as it was', async () => {
      const before = await stores.assets.listAssets();
      await assert.rejects(
        stores.transaction(async () => {
          await stores.assets.saveAssetVersions([serverAsset({ id: 'srv-rolled-back' })], 'x');
          throw new Error('later step failed');
        }),
        /later step failed/,
      );
      assert.deepEqual(await stores.assets.listAssets(), before);
    });
  });
}
