import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startApi } from './api-harness.js';

describe('GET /api/v1/audit/verify', () => {
  it('reports an untouched chain as ok, with its entry count and head hash', async () => {
    const api = await startApi();
    const { status, body } = await api.json('/api/v1/audit/verify', { role: 'finance-admin' });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.ok, true);
    assert.equal(body.problem, null);
    // The harness adds one user and one token per role, each audited.
    const listed = await api.json('/api/v1/audit?limit=1000');
    assert.equal(body.entries, listed.body.entries.length);
    assert.equal(body.headHash, listed.body.entries.at(-1).hash);
    const again = await api.json(`/api/v1/audit/verify?expectHead=${body.headHash}`);
    assert.equal(again.body.ok, true);
  });

  it('finds an edited entry and says which one', async () => {
    const api = await startApi();
    await api.stores.fileEngine.run(`UPDATE audit_log SET actor = 'cli:someone-else' WHERE seq = 3`);
    const { status, body } = await api.json('/api/v1/audit/verify');
    assert.equal(status, 200);
    assert.equal(body.ok, false);
    assert.equal(body.problem.seq, 3);
    assert.equal(body.problem.problem, 'edited');
    assert.match(body.problem.message, /3/);
  });

  it('finds entries removed from the end when given the head recorded earlier', async () => {
    const api = await startApi();
    const head = (await api.json('/api/v1/audit/verify')).body;
    await api.stores.fileEngine.run(`DELETE FROM audit_log WHERE seq = ${head.entries}`);
    const { body } = await api.json(`/api/v1/audit/verify?expectHead=${head.headHash}`);
    assert.equal(body.ok, false);
    assert.equal(body.problem.problem, 'missing');
    assert.match(body.problem.message, new RegExp(`ends at entry ${head.entries - 1}`));
  });

  it('refuses a malformed head hash with 400 and a stable code, and writes nothing', async () => {
    const api = await startApi();
    const before = (await api.json('/api/v1/audit?limit=1000')).body.entries.length;
    for (const bad of ['abc', 'G'.repeat(64), `${'a'.repeat(64)}' OR 1=1`]) {
      const { status, body } = await api.json(`/api/v1/audit/verify?expectHead=${encodeURIComponent(bad)}`);
      assert.equal(status, 400, bad);
      assert.equal(body.error.code, 'REQUEST_INVALID', JSON.stringify(body));
      assert.match(body.error.message, /64 lowercase hexadecimal/);
    }
    assert.equal((await api.json('/api/v1/audit?limit=1000')).body.entries.length, before);
  });

  it('is for the roles that read the audit log only', async () => {
    const api = await startApi();
    for (const role of ['viewer', 'analyst', 'budget-owner', 'approver'] as const) {
      const { status, body } = await api.json('/api/v1/audit/verify', { role });
      assert.equal(status, 403, role);
      assert.equal(body.error.code, 'AUTH_FORBIDDEN');
    }
    assert.equal((await api.json('/api/v1/audit/verify', { role: 'admin' })).status, 200);
  });
});
