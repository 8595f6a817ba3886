import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createToken } from '../../src/app/access/manage-tokens.js';
import { addUser } from '../../src/app/access/manage-users.js';
import { approverRolesHeld } from '../../src/core/governance/approver-roles-held.js';
import type { GovernancePolicy } from '../../src/core/governance/governance-policy.js';
import { runCli } from '../support/run-cli.js';
import { startApi, TEST_ACTOR } from './api-harness.js';

const FIXTURES = new URL('../governance/fixtures/', import.meta.url).pathname;

/** The roles a person holds, read from their side of the policy (hand-written assignments). */
describe('approver roles held', () => {
  const policy = {
    roles: [
      { person: 'olivia', role: 'service-owner', services: ['payments'] },
      { person: 'olivia', role: 'service-owner', services: ['docs-site', 'payments'] },
      { person: 'olivia', role: 'cab' },
      { person: 'olivia', role: 'cab', services: ['payments'] },
      { person: 'sam', role: 'finance', services: ['docs-site'] },
    ],
  } as unknown as GovernancePolicy;

  it('merges assignments per role, in role order; one without services holds everywhere', () => {
    assert.deepEqual(approverRolesHeld(policy, 'olivia'), [
      { role: 'service-owner', services: ['docs-site', 'payments'] },
      { role: 'cab', services: null },
    ]);
    assert.deepEqual(approverRolesHeld(policy, 'sam'), [{ role: 'finance', services: ['docs-site'] }]);
    assert.deepEqual(approverRolesHeld(policy, 'nobody'), []);
  });
});

describe('GET /api/v1/me/approver-roles', async () => {
  const api = await startApi({}, {}, async (dbPath) => {
    const result = await runCli([
      '--db',
      dbPath,
      'changes',
      'policy',
      'apply',
      join(FIXTURES, 'governance.yaml'),
    ]);
    assert.equal(result.code, 0, result.stderr);
  });
  await addUser(api.stores, TEST_ACTOR, { name: 'olivia', role: 'approver', scopes: ['payments'] });
  const olivia = (
    await createToken(api.stores, TEST_ACTOR, { user: 'olivia', label: 'test', expiresIn: '1d' })
  ).token;

  it("answers the caller's own roles from the policy", async () => {
    const { status, body } = await api.json('/api/v1/me/approver-roles', { token: olivia });
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(body, { person: 'olivia', roles: [{ role: 'service-owner', services: ['payments'] }] });
    const viewer = await api.json('/api/v1/me/approver-roles', { role: 'viewer' });
    assert.deepEqual(viewer.body, { person: 'viewer-user', roles: [] });
  });
});

describe('GET /api/v1/me/approver-roles without a policy', async () => {
  const api = await startApi();
  it('says that no policy is applied', async () => {
    const { status, body } = await api.json('/api/v1/me/approver-roles', { role: 'approver' });
    assert.equal(status, 404);
    assert.equal(body.error.code, 'POLICY_MISSING');
  });
});
