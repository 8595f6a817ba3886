import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import type { Role } from '../../src/core/access/roles.js';
import { Decimal } from '../../src/core/money.js';
import { serverAsset } from '../assets/asset-fixture.js';
import { startApi } from './api-harness.js';

describe('the asset register over HTTP', async () => {
  const api = await startApi();
  await applyCatalog(
    api.stores,
    packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
    commandLineActor(),
  );

  const send = (method: string, path: string, body: unknown, role: Role = 'finance-admin') =>
    api.json(path, {
      method,
      role,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  async function state() {
    return {
      assets: await api.stores.assets.listAssets(),
      audit: (await api.stores.access.audit.listEntries({})).length,
    };
  }
  async function refused(method: string, path: string, body: unknown, status: number, code: string) {
    const before = await state();
    const answer = await send(method, path, body);
    assert.equal(answer.status, status, JSON.stringify(answer.body));
    assert.equal(answer.body.error.code, code, JSON.stringify(answer.body));
    assert.deepEqual(await state(), before, `${method} ${path} refused but changed the register`);
    return answer.body.error.message as string;
  }

  it('creates, updates, lists and shows assets; each change is one audit entry under the caller', async () => {
    const created = await send('POST', '/api/v1/assets', serverAsset());
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.version, 1);
    assert.equal(created.body.changedBy, 'finance-admin-user');
    const updated = await send('PATCH', '/api/v1/assets/srv-001', { location: 'dc-ams-2' });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.equal(updated.body.version, 2);
    const loaded = await send('POST', '/api/v1/assets/load', {
      assets: [
        serverAsset({ location: 'dc-ams-2' }),
        serverAsset({ id: 'srv-002', acquisitionCost: '4800.50' }),
      ],
    });
    assert.deepEqual(loaded.body, { created: ['srv-002'], updated: [], unchanged: ['srv-001'] });
    const list = await api.json('/api/v1/assets?asOf=2026-03', { role: 'viewer' });
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.assets.map((asset: { id: string; bookValue: string }) => asset.id),
      ['srv-001', 'srv-002'],
    );
    const shown = await api.json('/api/v1/assets/srv-001', { role: 'viewer' });
    assert.equal(shown.body.schedule.length, 36);
    assert.deepEqual(
      shown.body.history.map((version: { version: number }) => version.version),
      [1, 2],
    );
    const audit = await api.stores.access.audit.listEntries({});
    const mine = audit.filter((entry) => entry.target.startsWith('asset:'));
    assert.deepEqual(
      mine.map((entry) => [entry.action, entry.target, entry.actor]),
      [
        ['assets.create', 'asset:srv-001', 'user:finance-admin-user'],
        ['assets.update', 'asset:srv-001', 'user:finance-admin-user'],
        ['assets.create', 'asset:srv-002', 'user:finance-admin-user'],
      ],
    );
  });

  it('refuses broken assets with 4xx and a clear message, the register and audit log unchanged', async () => {
    assert.match(
      await refused(
        'POST',
        '/api/v1/assets',
        serverAsset({ id: 'srv-003', usefulLifeMonths: 0 }),
        422,
        'ASSET_INVALID',
      ),
      /usefulLifeMonths '0' must be a whole number of months from 1/,
    );
    assert.match(
      await refused(
        'POST',
        '/api/v1/assets',
        serverAsset({ id: 'srv-003', disposedOn: '2025-01-01', status: 'disposed' }),
        422,
        'ASSET_INVALID',
      ),
      /disposedOn 2025-01-01 is before acquiredOn 2026-01-05/,
    );
    assert.match(
      await refused('POST', '/api/v1/assets', serverAsset(), 409, 'ASSET_EXISTS'),
      /already in the register/,
    );
    await refused('PATCH', '/api/v1/assets/srv-001', { salvageValue: '-1' }, 422, 'ASSET_INVALID');
    await refused('PATCH', '/api/v1/assets/nope', { location: 'x' }, 404, 'ASSET_NOT_FOUND');
    assert.match(
      await refused(
        'POST',
        '/api/v1/assets/load',
        { assets: [serverAsset({ id: 'a' }), serverAsset({ id: 'a' })] },
        422,
        'ASSET_INVALID',
      ),
      /asset 2: duplicate id 'a', already given at asset 1/,
    );
    await refused('POST', '/api/v1/assets/load', { assets: 'all of them' }, 400, 'REQUEST_INVALID');
    const month = await api.json('/api/v1/assets?asOf=2026-13');
    assert.equal(month.status, 400);
    assert.equal(month.body.error.code, 'ASSET_BAD_MONTH');
  });

  it('posts depreciation as cost lines and rolls CAPEX and OPEX up per team; bad months refused', async () => {
    await refused('POST', '/api/v1/assets/depreciation', { through: '2026-3' }, 400, 'ASSET_BAD_MONTH');
    await refused(
      'POST',
      '/api/v1/assets/depreciation',
      { through: '2019-12' },
      409,
      'ASSETS_NOTHING_TO_POST',
    );
    const posted = await send('POST', '/api/v1/assets/depreciation', { through: '2026-03' });
    assert.equal(posted.status, 200, JSON.stringify(posted.body));
    assert.equal(posted.body.assets, 2);
    assert.deepEqual(posted.body.billingPeriods, ['2026-01', '2026-02', '2026-03']);
    const rollup = await api.json('/api/v1/assets/capex-opex?by=tag:team', { role: 'viewer' });
    assert.equal(rollup.status, 200, JSON.stringify(rollup.body));
    assert.deepEqual(
      rollup.body.map((row: { month: string; owner: string; opex: string }) => [
        row.month,
        row.owner,
        row.opex,
      ]),
      [
        ['2026-01', 'payments', '0'],
        ['2026-02', 'payments', '0'],
        ['2026-03', 'payments', '0'],
      ],
    );
    assert.equal(
      rollup.body
        .reduce((sum: Decimal, row: { capex: string }) => sum.plus(row.capex), new Decimal(0))
        .toFixed(),
      posted.body.totals[0].amount.replace(/\.?0+$/, ''),
    );
    const bad = await api.json('/api/v1/assets/capex-opex?by=month');
    assert.equal(bad.body.error.code, 'ASSET_BAD_OWNER');
  });

  it('reconciles the register with discovery rows sent; a broken row is refused', async () => {
    const answer = await send(
      'POST',
      '/api/v1/assets/reconciliation',
      { discovery: [{ hostname: 'fra1-srv-001' }, { serial: 'SN-NEW' }] },
      'analyst',
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    // srv-002 was registered with srv-001's hostname: the one discovered host matches both.
    assert.deepEqual(answer.body.matched, [
      { assetId: 'srv-001', sources: ['discovery'], by: ['hostname'] },
      { assetId: 'srv-002', sources: ['discovery'], by: ['hostname'] },
    ]);
    assert.deepEqual(answer.body.notSeen, []);
    assert.deepEqual(answer.body.notInRegister, [
      { source: 'discovery', resourceId: null, hostname: null, serial: 'SN-NEW' },
    ]);
    const broken = await send(
      'POST',
      '/api/v1/assets/reconciliation',
      { discovery: [{ host: 'x' }] },
      'analyst',
    );
    assert.equal(broken.status, 422);
    assert.match(broken.body.error.message, /discovery row 2: .*unknown: host/);
  });
});
