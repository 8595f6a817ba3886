import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/run-cli.js';
import { startApi } from './api-harness.js';

const FIXTURES = new URL('../governance/fixtures/', import.meta.url).pathname;

async function prepareGovernance(dbPath: string) {
  for (const args of [
    ['catalog', 'apply', join(FIXTURES, 'catalog.yaml')],
    ['ratecard', 'apply', join(FIXTURES, 'rates.yaml')],
    ['changes', 'policy', 'apply', join(FIXTURES, 'governance.yaml')],
    ['release', 'create', '--file', join(FIXTURES, 'release.yaml'), '--at', '2026-03-01T09:00:00Z'],
  ]) {
    const result = await runCli(['--db', dbPath, ...args]);
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  }
}

const REQUEST = {
  service: 'payments',
  environment: 'production',
  releaseId: 'R-2026-03',
  version: 'v1.4.0',
  at: '2026-03-04T10:00:00Z',
};

/**
 * POST /api/v1/gate/preview: what a change's page shows. The same answer as the gate, written to
 * neither the decision log nor the audit log; a broken request is refused as the gate refuses it.
 */
describe('the gate preview (a dry run for display)', async () => {
  const api = await startApi({}, {}, prepareGovernance);

  async function logs() {
    return {
      decisions: (await api.stores.governance.decisions.listDecisions()).length,
      audit: (await api.stores.access.audit.listEntries({})).length,
    };
  }
  const post = (path: string, body: unknown, role: 'viewer' | 'analyst' = 'analyst') =>
    api.json(path, {
      role,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers as the gate does, and records nothing', async () => {
    const before = await logs();
    const preview = await post('/api/v1/gate/preview', REQUEST, 'viewer');
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.deepEqual(await logs(), before, 'viewing writes neither log');

    const asked = await post('/api/v1/gate', REQUEST);
    assert.equal(asked.status, 200, JSON.stringify(asked.body));
    assert.equal(preview.body.decision, asked.body.decision);
    assert.deepEqual(preview.body.reasons, asked.body.reasons);
    const after = await logs();
    assert.equal(after.decisions, before.decisions + 1, 'the real gate is still recorded');
    assert.equal(after.audit, before.audit + 1);
  });

  it('refuses a broken request in the API words and records nothing', async () => {
    const before = await logs();
    const unknown = await post('/api/v1/gate/preview', { ...REQUEST, service: 'no-such-service' });
    assert.equal(unknown.status, 400, JSON.stringify(unknown.body));
    assert.match(unknown.body.error.message, /no-such-service/);
    const badTime = await post('/api/v1/gate/preview', { ...REQUEST, at: 'tomorrow' });
    assert.equal(badTime.status, 400);
    assert.match(badTime.body.error.message, /^at 'tomorrow' is not an ISO-8601 time/);
    const extra = await post('/api/v1/gate/preview', { ...REQUEST, record: true });
    assert.equal(extra.status, 400);
    assert.equal(extra.body.error.code, 'REQUEST_INVALID');
    assert.deepEqual(await logs(), before);
  });
});
