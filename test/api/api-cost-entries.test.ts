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

  it('shows costs in a reporting currency once its rates are in, and names the missing day before', async () => {
    const missing = await api.json('/api/v1/costs?by=month&metric=billed&currency=USD');
    assert.equal(missing.status, 409);
    assert.equal(missing.body.error.code, 'RATE_MISSING');
    assert.match(missing.body.error.message, /2026-01-01 EUR->USD/);
    const rates = Array.from({ length: 365 }, (_, day) => ({
      date: new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10),
      from: 'EUR',
      to: 'USD',
      rate: '1.25',
    }));
    const saved = await api.json('/api/v1/rates', {
      role: 'finance-admin',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rates }),
    });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    assert.equal(saved.body.added, 365);
    const { status, body } = await api.json('/api/v1/costs?by=provider&metric=billed&currency=USD', {
      role: 'viewer',
    });
    assert.equal(status, 200);
    assert.deepEqual(body.rows, [{ provider: 'JetBrains', currency: 'USD', cost: '29950.0000000000' }]);
    assert.equal(body.reportingCurrency, 'USD');
    assert.deepEqual(body.billingTotals, [{ currency: 'EUR', cost: '23960.0000000000' }]);
    const gap = await api.json('/api/v1/rates', {
      role: 'finance-admin',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rates: [rates[0], rates[2]] }),
    });
    assert.equal(gap.status, 422);
    assert.match(gap.body.error.message, /no rate for 2026-01-02/);
    const listed = await api.json('/api/v1/rates?from=2026-01-01&to=2026-01-03', { role: 'viewer' });
    assert.equal(listed.body.rates.length, 3);
  });
});
