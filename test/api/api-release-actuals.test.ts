import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportReleaseActuals } from '../../src/app/governance/releases/release-actuals-report.js';
import { demoGovernanceOf } from '../support/demo-governance-db.js';
import { startApi } from './api-harness.js';

/** Eight weeks of the demo's releases, with their deployments and booked labour (no bill loaded). */
const prepareDemoGovernance = demoGovernanceOf(8);

const ESTIMATE = {
  labour: [{ role: 'engineer', hours: '400' }],
  licences: [{ name: 'load-testing seats', amount: '400' }],
  environments: [],
  environmentRates: {},
};

describe('GET /api/v1/releases/:id/actuals and POST /api/v1/releases/:id/baselines', async () => {
  const api = await startApi({}, {}, prepareDemoGovernance);

  it('answers the actuals as tollgate release actuals computes them, the missing bill named', async () => {
    const { status, body } = await api.json('/api/v1/releases/R-2025-01/actuals', { role: 'viewer' });
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(body, JSON.parse(JSON.stringify(await reportReleaseActuals(api.stores, 'R-2025-01'))));
    const parts = Object.fromEntries(
      body.actuals.parts.map((p: { part: string; amount: string | null }) => [p.part, p.amount]),
    );
    // No bill is loaded: the cloud part is missing, not 0; the demo booked labour.
    assert.equal(parts.cloud, null);
    assert.match(parts.labour, /^\d+(\.\d+)?$/);
    assert.equal(body.actuals.complete, false);
    assert.ok(body.actuals.warnings.some((w: string) => /No allocated cost for payments-api/.test(w)));
    const missing = await api.json('/api/v1/releases/R-NOPE/actuals');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'RELEASE_NOT_FOUND');
  });

  it('re-baselines (audited) and refuses broken bodies with 4xx, changing nothing', async () => {
    const send = (id: string, body: unknown) =>
      api.json(`/api/v1/releases/${id}/baselines`, {
        role: 'finance-admin',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const before = await api.stores.governance.releases.listBaselines('R-2025-12');
    const refusals: [string, unknown, number, string][] = [
      ['R-2025-12', { reason: '', estimate: ESTIMATE }, 400, 'REBASELINE_NO_REASON'],
      ['R-2025-12', { reason: 'scope', estimate: { ...ESTIMATE, labour: 'lots' } }, 400, 'RELEASE_INVALID'],
      ['R-2025-12', { reason: 'scope' }, 400, 'REQUEST_INVALID'],
      ['R-2025-12', { reason: 'scope', estimate: ESTIMATE, extra: 1 }, 400, 'REQUEST_INVALID'],
      ['R-NOPE', { reason: 'scope', estimate: ESTIMATE }, 404, 'RELEASE_NOT_FOUND'],
    ];
    for (const [id, body, status, code] of refusals) {
      const answer = await send(id, body);
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, code);
    }
    assert.deepEqual(await api.stores.governance.releases.listBaselines('R-2025-12'), before);
    const answer = await send('R-2025-12', { reason: 'a second market', estimate: ESTIMATE });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body.version, 2);
    const report = await api.json('/api/v1/releases/R-2025-12/actuals');
    assert.deepEqual(
      report.body.baselines.map((b: { version: number; reason: string }) => [b.version, b.reason]),
      [
        [1, 'the estimate the release was created with'],
        [2, 'a second market'],
      ],
    );
    const audit = await api.stores.access.audit.listEntries({ action: 'releases.rebaseline' });
    assert.equal(audit.at(-1)?.target, 'release:R-2025-12');
  });
});
