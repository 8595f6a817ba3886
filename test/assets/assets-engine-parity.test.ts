import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { openPostgresStores } from '../../src/adapters/open-postgres-stores.js';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { rollUpCapexOpex } from '../../src/app/assets/capex-opex-rollup.js';
import { loadAssetRegister, updateAsset } from '../../src/app/assets/manage-asset-register.js';
import { postDepreciation } from '../../src/app/assets/post-depreciation.js';
import { readRegisterFile } from '../../src/app/assets/read-register-file.js';
import { reconcileAssets } from '../../src/app/assets/reconcile-assets.js';
import { listAssetSummaries, showAsset } from '../../src/app/assets/report-assets.js';
import { auditRecorder, commandLineActor } from '../../src/app/audit/record-audit.js';
import type { Stores } from '../../src/ports/stores.js';
import { sharedPostgresCluster } from '../support/postgres-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';

describe('assets engine parity: the same register in DuckDB and PostgreSQL', () => {
  const opened: Stores[] = [];
  after(async () => {
    for (const stores of opened) await stores.close().catch(() => undefined);
  });

  it('gives the same book values, schedules, posted lines, roll-ups and reconciliation', async () => {
    const cluster = await sharedPostgresCluster();
    const duck = await openDuckDbStores({
      path: join(makeTempDir(), 'parity.duckdb'),
      memoryLimit: '256MB',
      threads: 1,
    });
    opened.push(duck);
    const pg = await openPostgresStores({
      url: await cluster.createDatabase(),
      poolSize: 4,
      connectRetryMs: 0,
      migrate: true,
      memoryLimit: '256MB',
      threads: 1,
    });
    opened.push(pg);
    const views = [];
    for (const stores of [duck, pg]) {
      const record = auditRecorder(stores, commandLineActor());
      await applyCatalog(
        stores,
        packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
        commandLineActor(),
      );
      const path = packageRootPath('examples', 'assets', 'asset-register.csv');
      const load = await loadAssetRegister(
        stores,
        await readRegisterFile(stores, path, 'assets'),
        { what: path, firstLine: 2 },
        't',
        record,
      );
      await updateAsset(
        stores,
        'srv-fra1-002',
        { impairments: [{ on: '2025-08-15', amount: '1234.56' }] },
        't',
        record,
      );
      const posted = await postDepreciation(stores, { through: '2025-12', recordChange: record });
      views.push({
        load,
        posted: { ...posted, loadId: null },
        list: await listAssetSummaries(stores, { asOf: '2025-09' }),
        shown: await Promise.all(
          (await stores.assets.listAssets()).map(async (version) => {
            const { changedAt: _at, history, ...rest } = await showAsset(stores, version.asset.id);
            return { ...rest, history: history.map(({ changedAt: _changed, ...entry }) => entry) };
          }),
        ),
        rollup: await rollUpCapexOpex(stores, { by: 'tag:team' }),
        reconcile: await reconcileAssets(stores, {
          discovery: { what: 'row', rows: [{ hostname: 'fra1-fw-01' }] },
        }),
      });
    }
    const [inDuckDb, inPostgres] = views as [(typeof views)[0], (typeof views)[0]];
    assert.ok(inDuckDb.rollup.length >= 12 && inDuckDb.posted.lines > 40, `${inDuckDb.posted.lines} lines`);
    for (const key of Object.keys(inDuckDb) as (keyof typeof inDuckDb)[])
      assert.deepEqual(inPostgres[key], inDuckDb[key], `${key} differs between the engines`);
  });
});
