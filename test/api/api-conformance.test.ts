import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportConformance } from '../../src/app/governance/conformance/report-conformance.js';
import { computeGovernanceKpis } from '../../src/app/governance/deployments/compute-governance-kpis.js';
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

  it('answers from the read cache what the database answers, and a deployment recorded since counts at once', async () => {
    const conformanceUrl = '/api/v1/conformance?from=2025-01-01&to=2025-02-01&asOf=2025-03-01';
    const kpisUrl = '/api/v1/kpis?from=2025-01-01&to=2025-02-01';
    const uncached = async () => ({
      conformance: JSON.parse(
        JSON.stringify(
          await reportConformance(api.stores, { from: '2025-01-01', to: '2025-02-01', asOf: '2025-03-01' }),
        ),
      ),
      kpis: JSON.parse(
        JSON.stringify(await computeGovernanceKpis(api.stores, { from: '2025-01-01', to: '2025-02-01' })),
      ),
    });
    const served = async () => {
      const conformance = await api.json(conformanceUrl, { role: 'viewer' });
      const kpis = await api.json(kpisUrl, { role: 'viewer' });
      assert.equal(conformance.status, 200, JSON.stringify(conformance.body));
      assert.equal(kpis.status, 200, JSON.stringify(kpis.body));
      return { conformance: conformance.body, kpis: kpis.body };
    };
    // Asked twice (the second from memory), the answers are the database's, byte for byte.
    const first = await served();
    assert.equal(JSON.stringify(await served()), JSON.stringify(first));
    assert.equal(JSON.stringify(first), JSON.stringify(await uncached()));

    const recorded = await api.json('/api/v1/deployments', {
      role: 'finance-admin',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        deliveryId: 'cache-check-1',
        service: 'payments-api',
        environment: 'prod',
        version: 'v-cache-check',
        startedAt: '2025-01-20T10:00:00Z',
        finishedAt: '2025-01-20T10:05:00Z',
        outcome: 'succeeded',
        changeType: 'standard',
        pipelineMinutes: '5',
      }),
    });
    assert.equal(recorded.status, 201, JSON.stringify(recorded.body));
    const after = await served();
    assert.equal(after.conformance.deployments, first.conformance.deployments + 1);
    assert.ok(
      after.conformance.findings.some((f: { version: string }) => f.version === 'v-cache-check'),
      'the new deployment is checked',
    );
    assert.notEqual(JSON.stringify(after.kpis), JSON.stringify(first.kpis), 'the KPIs count it');
    assert.equal(JSON.stringify(after), JSON.stringify(await uncached()));
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
