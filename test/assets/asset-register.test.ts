import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { createAsset, loadAssetRegister, updateAsset } from '../../src/app/assets/manage-asset-register.js';
import { readRegisterFile } from '../../src/app/assets/read-register-file.js';
import { listAssetSummaries, showAsset } from '../../src/app/assets/report-assets.js';
import { auditRecorder, commandLineActor } from '../../src/app/audit/record-audit.js';
import { ASSET_FIELDS } from '../../src/core/assets/asset-model.js';
import type { Stores } from '../../src/ports/stores.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const dir = makeTempDir();
const db = join(dir, 'assets.duckdb');
const examples = packageRootPath('examples', 'assets');
const CSV_HEADER = ASSET_FIELDS.join(',');

async function loadFile(stores: Stores, path: string) {
  const records = await readRegisterFile(stores, path, 'assets');
  return loadAssetRegister(
    stores,
    records,
    { what: `The register ${path}`, firstLine: path.endsWith('.csv') ? 2 : null },
    'olivia',
    auditRecorder(stores, commandLineActor()),
  );
}

function writeCsv(name: string, rows: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${CSV_HEADER}\n${rows.join('\n')}\n`);
  return path;
}

const SERVER_ROW =
  'srv-x,server,payments,payments-api,dc-fra-1,EUR,2025-01-10,1200,2025-02-01,12,0,straight-line,full-month,,,,,h-x,S-X,';

/** Loading `work` must be refused with `code` and leave every table exactly as it was. */
async function refusedUnchanged(work: (stores: Stores) => Promise<unknown>, code: string, message: RegExp) {
  const before = await snapshotDatabase(db);
  await withStores(db, (stores) => expectRefusal(() => work(stores), code, 'invalid-input', message));
  assert.deepEqual(await snapshotDatabase(db), before, 'nothing was written');
}

describe('the asset register: load, create, update, list and show, each change versioned and audited', () => {
  before(async () => {
    await withStores(db, (stores) =>
      applyCatalog(
        stores,
        packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
        commandLineActor(),
      ),
    );
  });

  it('loads the CSV example, then the YAML example updates what differs and keeps the rest', async () => {
    const first = await withStores(db, (stores) => loadFile(stores, join(examples, 'asset-register.csv')));
    assert.deepEqual(first.created, ['srv-fra1-001', 'srv-fra1-002', 'san-fra1-01', 'fw-fra1-01', 'lt-0042']);
    const second = await withStores(db, (stores) => loadFile(stores, join(examples, 'asset-register.yaml')));
    assert.deepEqual(second, { created: [], updated: [], unchanged: ['srv-fra1-001', 'san-fra1-01'] });
    const again = await withStores(db, (stores) => loadFile(stores, join(examples, 'asset-register.csv')));
    assert.equal(again.unchanged.length, 5, 'loading the same file twice changes nothing');
    const audit = await withStores(db, (stores) => stores.access.audit.listEntries({}));
    assert.equal(audit.filter((entry) => entry.action === 'assets.create').length, 5);
  });

  it('lists book values at a month and shows an asset with its schedule and history', async () => {
    const listed = await withStores(db, (stores) => listAssetSummaries(stores, { asOf: '2025-06' }));
    const firewall = listed.find((asset) => asset.id === 'fw-fra1-01')!;
    assert.equal(firewall.status, 'disposed');
    const june = (await withStores(db, (stores) => showAsset(stores, 'fw-fra1-01'))).schedule.at(-1)!;
    assert.equal(june.month, '2025-06');
    assert.equal(firewall.chargedInMonth, june.writeOff, "the write-off is June 2025's charge");
    assert.equal(firewall.bookValue, '0', 'written off in June 2025');
    const laptop = listed.find((asset) => asset.id === 'lt-0042')!;
    assert.equal(laptop.bookValue, '2149.99', 'not in service: valued at cost');
    const shown = await withStores(db, (stores) => showAsset(stores, 'san-fra1-01'));
    assert.equal(shown.schedule[0]?.month, '2024-07');
    assert.equal(shown.schedule.find((month) => month.month === '2025-09')?.impairment, '12000');
    assert.equal(shown.history.length, 1);
  });

  it('creates an asset by itself and updates it as a new version, audited with before and after', async () => {
    await withStores(db, async (stores) => {
      const record = auditRecorder(stores, { name: 'api:bea', tokenId: 't1', address: '127.0.0.1' });
      const created = await createAsset(stores, rowObject(SERVER_ROW), 'bea', record);
      assert.equal(created.version, 1);
      const updated = await updateAsset(
        stores,
        'srv-x',
        { status: 'retired', retiredOn: '2025-10-31' },
        'bea',
        record,
      );
      assert.equal(updated.version, 2);
      assert.equal(updated.changed, true);
      const same = await updateAsset(stores, 'srv-x', { status: 'retired' }, 'bea', record);
      assert.equal(same.changed, false);
      assert.equal(same.version, 2);
      const entries = await stores.access.audit.listEntries({});
      const last = entries.filter((entry) => entry.target === 'asset:srv-x');
      assert.deepEqual(
        last.map((entry) => entry.action),
        ['assets.create', 'assets.update'],
      );
      assert.equal((last[1]!.after as { asset: { status: string } }).asset.status, 'retired');
    });
  });

  it('refuses a useful life of zero, naming the line, and writes nothing', async () => {
    const path = writeCsv('life-zero.csv', [SERVER_ROW.replace(',12,', ',0,')]);
    await refusedUnchanged(
      (stores) => loadFile(stores, path),
      'ASSET_INVALID',
      /line 2: usefulLifeMonths '0'/,
    );
  });

  it('refuses a disposal before acquisition', async () => {
    const row = SERVER_ROW.replace('full-month,,,,', 'full-month,,,2024-12-31,');
    const path = writeCsv('dispose-early.csv', [row]);
    await refusedUnchanged(
      (stores) => loadFile(stores, path),
      'ASSET_INVALID',
      /disposedOn 2024-12-31 is before acquiredOn 2025-01-10/,
    );
  });

  it('refuses a duplicate id in one file, and one already in the register when created', async () => {
    const path = writeCsv('duplicate.csv', [
      SERVER_ROW.replace('srv-x', 'srv-y'),
      SERVER_ROW.replace('srv-x', 'srv-y'),
    ]);
    await refusedUnchanged(
      (stores) => loadFile(stores, path),
      'ASSET_INVALID',
      /line 3: duplicate id 'srv-y', already given at line 2/,
    );
    const before = await snapshotDatabase(db);
    await withStores(db, (stores) =>
      expectRefusal(
        () => createAsset(stores, rowObject(SERVER_ROW), 'bea', auditRecorder(stores, commandLineActor())),
        'ASSET_EXISTS',
        'conflict',
        /already in the register/,
      ),
    );
    assert.deepEqual(await snapshotDatabase(db), before);
  });

  it('refuses every other broken record with its reason, and a whole file for one bad row', async () => {
    const broken: [string, RegExp][] = [
      [
        SERVER_ROW.replace('payments,payments-api', 'nobody,payments-api'),
        /ownerTeam 'nobody' is not a team/,
      ],
      [SERVER_ROW.replace(',1200,', ',12x,'), /acquisitionCost '12x' is not a decimal/],
      [SERVER_ROW.replace(',EUR,', ',EURO,'), /currency 'EURO'/],
      [SERVER_ROW.replace('2025-02-01', '2025-02-30'), /inServiceOn '2025-02-30' is not a date/],
      [SERVER_ROW.replace('straight-line', 'sum-of-years'), /method 'sum-of-years' is not one of/],
      [
        SERVER_ROW.replace(',0,straight', ',5000,straight'),
        /salvageValue 5000 is more than the acquisitionCost 1200/,
      ],
      [SERVER_ROW.replace('full-month,,', 'full-month,disposed,'), /status disposed needs disposedOn/],
      [
        SERVER_ROW.replace('full-month,,,,', 'full-month,,,,2025-03-01:1500'),
        /impairment of 1500 in 2025-03 is more than/,
      ],
    ];
    for (const [row, message] of broken) {
      const path = writeCsv('broken.csv', [SERVER_ROW.replace('srv-x', 'srv-ok'), row]);
      await refusedUnchanged((stores) => loadFile(stores, path), 'ASSET_INVALID', message);
    }
    const unknownColumn = join(dir, 'unknown.csv');
    writeFileSync(unknownColumn, `${CSV_HEADER},colour\n${SERVER_ROW},red\n`);
    await refusedUnchanged(
      (stores) => loadFile(stores, unknownColumn),
      'ASSET_INVALID',
      /unknown field\(s\) colour/,
    );
    const notAList = join(dir, 'not-a-list.yaml');
    writeFileSync(notAList, 'assets: 3\n');
    await refusedUnchanged(
      (stores) => loadFile(stores, notAList),
      'REGISTER_SHAPE',
      /list of objects under 'assets:'/,
    );
  });

  it('refuses an update that breaks the asset or changes its id, and an unknown asset', async () => {
    const before = await snapshotDatabase(db);
    await withStores(db, async (stores) => {
      const record = auditRecorder(stores, commandLineActor());
      await expectRefusal(
        () => updateAsset(stores, 'srv-x', { disposedOn: '2020-01-01', status: 'disposed' }, 'bea', record),
        'ASSET_INVALID',
        'invalid-input',
        /disposedOn 2020-01-01 is before acquiredOn/,
      );
      await expectRefusal(
        () => updateAsset(stores, 'srv-x', { id: 'srv-z' }, 'bea', record),
        'ASSET_INVALID',
        'invalid-input',
        /cannot change/,
      );
      await expectRefusal(
        () => updateAsset(stores, 'srv-none', {}, 'bea', record),
        'ASSET_NOT_FOUND',
        'not-found',
        /no asset srv-none/,
      );
      await expectRefusal(
        () => listAssetSummaries(stores, { asOf: '2025-13' }),
        'ASSET_BAD_MONTH',
        'usage',
        /YYYY-MM/,
      );
    });
    assert.deepEqual(await snapshotDatabase(db), before);
  });
});

function rowObject(row: string): Record<string, unknown> {
  const cells = row.split(',');
  return Object.fromEntries(
    ASSET_FIELDS.map((field, index) => [field, cells[index] ?? '']).filter(([, value]) => value !== ''),
  );
}
