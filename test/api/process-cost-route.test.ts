import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeServiceProcessCost } from '../../src/app/governance/deployments/compute-governance-kpis.js';
import { demoGovernanceOf } from '../support/demo-governance-db.js';
import { startApi } from './api-harness.js';

/** Eight weeks of the demo organisation's releases, changes and deployments. */
const prepareDemoGovernance = demoGovernanceOf(8);

describe('GET /api/v1/process-cost', async () => {
  const api = await startApi({}, {}, prepareDemoGovernance);

  it('answers the same comparison as tollgate process-cost, for any reader', async () => {
    const { status, body } = await api.json('/api/v1/process-cost?service=checkout-api&last=5', {
      role: 'viewer',
    });
    assert.equal(status, 200, JSON.stringify(body));
    const expected = await computeServiceProcessCost(api.stores, 'checkout-api', 5, '0');
    assert.deepEqual(body, JSON.parse(JSON.stringify(expected)));
    assert.equal(body.changes, 5);
    assert.equal(body.currency, 'USD');
    assert.match(body.current.total, /^\d+(\.\d+)?$/);
    assert.match(body.savingPerMonth, /^-?\d+(\.\d+)?$/);
  });

  it('keeps the setup cost exact and apart', async () => {
    const { body } = await api.json('/api/v1/process-cost?service=checkout-api&setupCost=12000.50');
    assert.equal(body.setupCost, '12000.5');
  });

  it('refuses an unknown service, a bad count and a bad amount with 4xx and a stable code', async () => {
    const cases: [string, number, string][] = [
      ['service=no-such-service', 400, 'UNKNOWN_SERVICE'],
      ['service=checkout-api&last=0', 400, 'REQUEST_INVALID'],
      ['service=checkout-api&last=ten', 400, 'REQUEST_INVALID'],
      ['service=checkout-api&setupCost=lots', 400, 'REQUEST_INVALID'],
      ['last=5', 400, 'REQUEST_INVALID'],
    ];
    const before = (await api.json('/api/v1/audit?limit=1000')).body.entries.length;
    for (const [query, status, code] of cases) {
      const { status: got, body } = await api.json(`/api/v1/process-cost?${query}`);
      assert.equal(got, status, `${query}: ${JSON.stringify(body)}`);
      assert.equal(body.error.code, code, query);
      assert.ok(body.error.message.length > 10, query);
    }
    assert.equal((await api.json('/api/v1/audit?limit=1000')).body.entries.length, before);
  });
});
