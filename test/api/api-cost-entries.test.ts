import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startApi } from './api-harness.js';

const LINE = {
  kind: 'licence',
  provider: 'JetBrains',
  service: 'IntelliJ IDEA Ultimate',
  start: '2026-01-01',
  end: '2026-12-31',
  currency: 'EUR',
  quantity: '40',
  unit_price: '599.00',
  tags: { team: 'platform' },
};

describe('POST /api/v1/costs/entries', async () => {
  const api = await startApi();
  const post = (body: unknown, role: 'admin' | 'finance-admin' | 'viewer' = 'finance-admin', query = '') =>
    api.json(`/api/v1/costs/entries${query}`, {
      role,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const state = async () =>
    JSON.stringify([
      (await api.json('/api/v1/costs?by=provider,month&metric=billed')).body,
      (await api.json('/api/v1/sources')).body,
    ]);

  it('adds a ledger, spread over its days, and the costs route shows it like any cost', async () => {
    const { status, body } = await post({ ledger: 'licences-2026', lines: [LINE] });
    assert.equal(status, 201, JSON.stringify(body));
    assert.equal(body.status, 'loaded');
    assert.equal(body.linesLoaded, 365);
    const costs = await api.json('/api/v1/costs?by=provider&metric=billed&filter=tag:team=platform');
    assert.deepEqual(costs.body.rows, [{ provider: 'JetBrains', currency: 'EUR', cost: '23960.0000000000' }]);
    const audit = await api.json('/api/v1/audit?action=costs.add');
    assert.equal(audit.status, 200);
    assert.ok(JSON.stringify(audit.body).includes('costs.add'));
  });

  it('the same body again changes nothing', async () => {
    const before = await state();
    const { status, body } = await post({ ledger: 'licences-2026', lines: [LINE] });
    assert.equal(status, 201);
    assert.equal(body.status, 'already-loaded');
    assert.equal(await state(), before);
  });

  it('a bad line is a 422 naming row, field and value, and nothing changes', async () => {
    const before = await state();
    const { status, body } = await post({
      ledger: 'licences-2026',
      lines: [LINE, { ...LINE, currency: 'EURO' }],
    });
    assert.equal(status, 422);
    assert.equal(body.error.code, 'COSTS_FILE_INVALID');
    assert.match(body.error.message, /row 2, field currency, value 'EURO'/);
    assert.equal(await state(), before);
  });

  it('a body of the wrong shape is a 400 and a viewer may not add costs', async () => {
    assert.equal((await post({ ledger: 'x', lines: [] })).status, 400);
    assert.equal((await post({ ledger: 'x', lines: [LINE], extra: 1 })).status, 400);
    assert.equal((await post({ ledger: 'x', lines: [LINE] }, 'viewer')).status, 403);
  });
});
