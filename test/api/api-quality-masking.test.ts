import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import type { Role } from '../../src/core/access/roles.js';
import { writeFixture } from '../allocation/cli-fixture.js';
import { runCli } from '../support/run-cli.js';
import { startApi } from './api-harness.js';

/**
 * GET /api/v1/quality lists the resources with most cost lacking a required tag. Their owner is
 * unknown, so only readers with detail rights for every owner see the ids; budget owners and
 * approvers (scoped to payments here) see them masked, as /costs masks resources.
 */
describe('quality masks untagged resource ids by role', async () => {
  const api = await startApi({}, {}, async (dbPath) => {
    const paths = writeFixture(dirname(dbPath));
    for (const args of [
      ['ingest', paths.billing],
      ['catalog', 'apply', paths.catalog],
    ]) {
      const result = await runCli(['--db', dbPath, ...args]);
      if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
    }
  });
  const quality = (role: Role, tag = 'team') =>
    api.json(`/api/v1/quality?period=2026-01&requiredTag=${tag}`, { role });

  it('shows the ids in clear to roles with detail rights for everyone', async () => {
    for (const role of ['analyst', 'finance-admin', 'admin'] as Role[]) {
      const answer = await quality(role);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const ids = answer.body.untaggedResources.map((row: { resourceId: string }) => row.resourceId).sort();
      assert.deepEqual(ids, ['i-search-1', 'support'], role);
      assert.equal(answer.headers.get('x-tollgate-masked'), null);
    }
  });

  it('masks every untagged id for budget owners and approvers, whatever tag is missing, figures unchanged', async () => {
    const clear = await quality('admin', 'environment');
    for (const role of ['budget-owner', 'approver'] as Role[]) {
      for (const tag of ['team', 'environment']) {
        const answer = await quality(role, tag);
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        assert.equal(answer.headers.get('x-tollgate-masked'), 'resource');
        assert.ok(answer.body.untaggedResources.length > 0);
        for (const row of answer.body.untaggedResources) assert.match(row.resourceId, /^\*\*\*\*/, role);
        const text = JSON.stringify(answer.body);
        for (const id of ['i-search-1', 'i-pay-1', 'bucket-search', 'aks-shared'])
          assert.ok(!text.includes(id), `${role} sees ${id}`);
      }
      const masked = await quality(role, 'environment');
      assert.deepEqual(
        masked.body.untaggedResources.map((row: { effectiveCost: string }) => row.effectiveCost),
        clear.body.untaggedResources.map((row: { effectiveCost: string }) => row.effectiveCost),
      );
      assert.deepEqual(masked.body.tagCoverage, clear.body.tagCoverage);
    }
  });

  it('asks for the owner tag, service and environment when no tag is named, as the CLI does (allocation-cli)', async () => {
    const answer = await api.json('/api/v1/quality?period=2026-01', { role: 'admin' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const tags = [...new Set(answer.body.tagCoverage.map((row: { tag: string }) => row.tag))];
    assert.deepEqual(tags, ['team', 'service', 'environment']);
    const named = await api.json(
      '/api/v1/quality?period=2026-01&requiredTag=team&requiredTag=service&requiredTag=environment',
      { role: 'admin' },
    );
    assert.deepEqual(answer.body, named.body);
  });

  it('is refused to viewers, who may not read sources', async () => {
    const answer = await quality('viewer');
    assert.equal(answer.status, 403);
    assert.equal(answer.body.error.code, 'AUTH_FORBIDDEN');
  });
});
