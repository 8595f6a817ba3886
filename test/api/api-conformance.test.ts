import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportConformance } from '../../src/app/governance/conformance/report-conformance.js';
import { demoGovernanceOf } from '../support/demo-governance-db.js';
import { startApi } from './api-harness.js';

/** Four weeks of the demo's deployments, changes and freezes. */
const prepareDemoGovernance = demoGovernanceOf(4);

describe('GET /api/v1/conformance', async () => {
  const api = await startApi({}, {}, prepareDemoGovernance);

  it('answers the report as tollgate conformance computes it, by team and month with cost', async () => {
    const url = '/api/v1/conformance?from=2025-01-01&to=2025-02-01&asOf=2025-03-01';
    const { status, body } = await api.json(url, { role: 'viewer' });
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(
      body,
      JSON.parse(
        JSON.stringify(
          await reportConformance(api.stores, { from: '2025-01-01', to: '2025-02-01', asOf: '2025-03-01' }),
        ),
      ),
    );
    assert.ok(body.deployments > 0);
    assert.equal(
      body.rows.reduce((sum: number, row: { deployments: number }) => sum + row.deployments, 0),
      body.deployments,
    );
  });

  it('refuses a broken period or unknown team with 400 and a stable code', async () => {
    for (const [query, code] of [
      ['from=soon&to=2025-02-01', 'CONFORMANCE_BAD_PERIOD'],
      ['from=2025-02-01&to=2025-01-01', 'CONFORMANCE_BAD_PERIOD'],
      ['from=2025-01-01&to=2025-02-01&team=nobody', 'UNKNOWN_TEAM'],
    ] as const) {
      const refused = await api.json(`/api/v1/conformance?${query}`, { role: 'viewer' });
      assert.equal(refused.status, 400, query);
      assert.equal(refused.body.error.code, code, query);
    }
    const missingTo = await api.json('/api/v1/conformance?from=2025-01-01', { role: 'viewer' });
    assert.equal(missingTo.status, 400);
  });
});
