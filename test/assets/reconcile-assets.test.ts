import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { createAsset, loadAssetRegister } from '../../src/app/assets/manage-asset-register.js';
import { readRegisterFile } from '../../src/app/assets/read-register-file.js';
import { readDiscoveryFile, reconcileAssets } from '../../src/app/assets/reconcile-assets.js';
import { auditRecorder, commandLineActor } from '../../src/app/audit/record-audit.js';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { writeFocusFixture } from '../budgets/cost-fixture.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';
import { serverAsset } from './asset-fixture.js';

const dir = makeTempDir();
const db = join(dir, 'reconcile.duckdb');

describe('the register reconciled with billing lines and a discovery file', () => {
  it('sorts assets into matched, not seen, and resources seen but not in the register', async () => {
    const bills = join(dir, 'bills.csv');
    writeFocusFixture(
      bills,
      ['2026-02-01', '2026-02-02', '2026-02-03'].map((day) => ({ day, cost: '10', team: 'payments' })),
    );
    const discovery = join(dir, 'discovery.csv');
    writeFileSync(
      discovery,
      'hostname,serial,resourceId\nFRA1-SRV-001,,\n,SN-STR9901,\nrogue-01,SN-ROGUE,\n',
    );
    await withStores(db, async (stores) => {
      const record = auditRecorder(stores, commandLineActor());
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
        record,
      );
      await createAsset(
        stores,
        { ...serverAsset({ id: 'srv-cloud', hostname: null, serial: null, resourceId: 'i-0000' }) },
        'test',
        record,
      );
      await ingestBillingFiles(stores, [bills], {
        onError: 'fail',
        dryRun: false,
        rejectReportPath: join(dir, 'r.csv'),
      });
      const report = await reconcileAssets(stores, { discovery: await readDiscoveryFile(stores, discovery) });
      assert.deepEqual(report.matched, [
        { assetId: 'san-fra1-01', sources: ['discovery'], by: ['serial'] },
        { assetId: 'srv-cloud', sources: ['billing'], by: ['resource-id'] },
        { assetId: 'srv-fra1-001', sources: ['discovery'], by: ['hostname'] },
      ]);
      assert.deepEqual(report.notSeen, ['lt-0042', 'srv-fra1-002'], 'the disposed firewall is not missed');
      assert.deepEqual(
        report.notInRegister.map((item) => [item.source, item.resourceId ?? item.hostname]),
        [
          ['discovery', 'rogue-01'],
          ['billing', 'i-0001'],
          ['billing', 'i-0002'],
        ],
      );
      assert.deepEqual(report.counts, { assets: 6, matched: 3, notSeen: 2, notInRegister: 3 });
      const outside = await reconcileAssets(stores, { from: '2026-03-01' });
      assert.equal(outside.matched.length, 0, 'billing outside the range sees nothing');
    });
  });

  it('refuses a discovery file with other columns or an empty row, and bad dates', async () => {
    const wrong = join(dir, 'wrong.csv');
    writeFileSync(wrong, 'host,serial\nfra1,SN\n');
    const empty = join(dir, 'empty-row.csv');
    writeFileSync(empty, 'hostname,serial,resourceId\nfra1,,\n,,\n');
    await withStores(db, async (stores) => {
      await expectRefusal(
        async () => reconcileAssets(stores, { discovery: await readDiscoveryFile(stores, wrong) }),
        'DISCOVERY_INVALID',
        'invalid-input',
        /line 2: .*unknown: host/,
      );
      await expectRefusal(
        async () => reconcileAssets(stores, { discovery: await readDiscoveryFile(stores, empty) }),
        'DISCOVERY_INVALID',
        'invalid-input',
        /line 3/,
      );
      await expectRefusal(
        () => readDiscoveryFile(stores, join(dir, 'missing.csv')),
        'REGISTER_CSV_UNREADABLE',
        'invalid-input',
        /Cannot read/,
      );
      await expectRefusal(
        () => reconcileAssets(stores, { from: '2026-02-30' }),
        'QUERY_BAD_DATE',
        'usage',
        /not a date/,
      );
    });
  });
});
