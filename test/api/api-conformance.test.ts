import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { reportConformance } from '../../src/app/governance/conformance/report-conformance.js';
import { loadDemoGovernance } from '../../src/app/governance/load-demo-governance.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import { generateDemoGovernance } from '../../src/demo/governance/generate-demo-governance.js';
import { startApi } from './api-harness.js';

/** Four weeks of the demo's deployments, changes and freezes. */
async function prepareDemoGovernance(dbPath: string) {
  const stores = await openTollgate(loadConfig({ db: dbPath }, {}));
  try {
    await applyCatalog(
      stores,
      packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
      commandLineActor(),
    );
    await loadDemoGovernance(stores, generateDemoGovernance(1, { weeks: 4 }));
  } finally {
    await stores.close();
  }
}

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
