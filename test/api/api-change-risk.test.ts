import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { showChangeRisk } from '../../src/app/governance/risk/assess-change-risk.js';
import { demoGovernanceOf } from '../support/demo-governance-db.js';
import { startApi } from './api-harness.js';

/** Twelve weeks of the demo's changes, deployments and incidents. */
const prepareDemoGovernance = demoGovernanceOf(12);

describe('GET /api/v1/changes/:id/risk', async () => {
  const api = await startApi({}, {}, prepareDemoGovernance);

  it("answers a change's risk as the use case computes it, for a viewer, recording nothing", async () => {
    const changes = await api.stores.governance.changes.listChanges({});
    const last = changes.filter((c) => c.changeType === 'normal' && c.environment === 'prod').at(-1)!;
    const at = '2025-03-20T10:00:00.000Z';
    const decisions = (await api.stores.governance.decisions.listDecisions()).length;
    const { status, body } = await api.json(`/api/v1/changes/${last.id}/risk?at=${at}`, { role: 'viewer' });
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(
      body,
      JSON.parse(JSON.stringify(await showChangeRisk(api.stores, { changeId: last.id, at }))),
    );
    assert.ok(body.organisation.deployments > 30, 'twelve weeks of production history');
    assert.equal(body.preApproval, null, 'the demo policy has no risk pre-approval');
    assert.match(body.summary, new RegExp(`service ${body.service} \\d+/\\d+ failed`));
    assert.equal((await api.stores.governance.decisions.listDecisions()).length, decisions);
  });

  it('refuses a broken time and an unknown change in the API words', async () => {
    const changes = await api.stores.governance.changes.listChanges({});
    const bad = await api.json(`/api/v1/changes/${changes[0]!.id}/risk?at=tomorrow`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'RISK_BAD_TIME');
    assert.match(bad.body.error.message, /^at 'tomorrow' is not an ISO-8601 time/);
    const missing = await api.json('/api/v1/changes/CHG-NOPE/risk');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'CHANGE_NOT_FOUND');
  });
});
