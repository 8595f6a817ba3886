import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATALOG_YAML, RULES_YAML } from '../allocation/cli-fixture.js';
import { startApi } from './api-harness.js';

describe('GET /api/v1/rules/versions/:id', async () => {
  const api = await startApi();
  const post = (path: string, body: unknown) =>
    api.json(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  assert.equal((await post('/api/v1/catalog', { yaml: CATALOG_YAML })).status, 201);
  assert.equal((await post('/api/v1/rules/versions', { yaml: RULES_YAML })).status, 201);

  it('answers one version with the YAML text exactly as applied, by number or v-number', async () => {
    for (const id of ['1', 'v1']) {
      const { status, body } = await api.json(`/api/v1/rules/versions/${id}`, { role: 'analyst' });
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.version, 1);
      assert.equal(body.yamlText, RULES_YAML);
      assert.ok(Array.isArray(body.ruleSet.mapping));
    }
  });

  it('refuses a version that is not a number (400) or does not exist (404), with stable codes', async () => {
    const before = (await api.stores.access.audit.listEntries({})).length;
    const bad = await api.json('/api/v1/rules/versions/latest');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'RULES_BAD_VERSION');
    assert.match(bad.body.error.message, /rule set history/);
    const missing = await api.json('/api/v1/rules/versions/99');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'RULES_VERSION_NOT_FOUND');
    assert.equal((await api.stores.access.audit.listEntries({})).length, before);
  });

  it('is for the roles that read the sources (not viewers)', async () => {
    const { status, body } = await api.json('/api/v1/rules/versions/1', { role: 'viewer' });
    assert.equal(status, 403);
    assert.equal(body.error.code, 'AUTH_FORBIDDEN');
  });
});
