import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { loadDemoAssets } from '../../src/app/assets/load-demo-assets.js';
import { listAssetSummaries, showAsset } from '../../src/app/assets/report-assets.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { readAsset } from '../../src/core/assets/read-asset.js';
import { generateDemoAssets } from '../../src/demo/assets/generate-demo-assets.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

describe('the demo asset register', () => {
  it('loads a few hundred valid assets of every class, the same for a seed, with one impaired array', async () => {
    const db = join(makeTempDir(), 'demo-assets.duckdb');
    await withStores(db, async (stores) => {
      await applyCatalog(
        stores,
        packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
        commandLineActor(),
      );
      const first = await loadDemoAssets(stores, 7);
      assert.ok(first.created.length >= 200 && first.created.length <= 500, `${first.created.length} assets`);
      const again = await loadDemoAssets(stores, 7);
      assert.equal(again.unchanged.length, first.created.length, 'the same seed gives the same register');
      const assets = await listAssetSummaries(stores, { asOf: '2025-12' });
      assert.deepEqual([...new Set(assets.map((asset) => asset.assetClass))].sort(), [
        'laptop',
        'network',
        'server',
        'storage',
      ]);
      assert.ok(
        assets.some((asset) => asset.status === 'disposed') &&
          assets.some((asset) => asset.status === 'in-service'),
      );
      const impaired = (await stores.assets.listAssets()).filter(
        (version) => version.asset.impairments.length > 0,
      );
      assert.equal(impaired.length, 1);
      const shown = await showAsset(stores, impaired[0]!.asset.id);
      assert.equal(shown.schedule.find((month) => month.month === '2025-06')?.impairment, '2500');
    });
  });

  it('gives a valid register for every seed (the demo command takes any)', () => {
    const owners = [
      { service: 'payments-api', team: 'payments' },
      { service: 'search-api', team: 'search' },
      { service: 'k8s', team: 'platform' },
    ];
    for (let seed = 0; seed < 200; seed++)
      for (const record of generateDemoAssets(owners, seed))
        assert.deepEqual(readAsset(record).problems, [], `seed ${seed}, ${String(record.id)}`);
  });
});
