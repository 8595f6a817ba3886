import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import { startApi } from '../api/api-harness.js';
import { daysFrom, ingestFixture, weeklyCost } from './cost-fixture.js';

/**
 * Budgets written over HTTP: each save or removal is a numbered version and one audit entry
 * (who, before, after); history and diff read them back; a refused write leaves the budgets,
 * their versions and the audit log exactly as they were.
 */
describe('budgets over HTTP, versioned and audited', async () => {
  const api = await startApi({}, {}, async (dbPath) => {
    const lines = daysFrom('2026-01-01', 60).map((day) => ({
      day,
      cost: weeklyCost(day, 100),
      team: 'payments',
    }));
    await ingestFixture(dbPath, dirname(dbPath), 'costs.csv', lines);
  });
  const body = (amount: string, extra: Record<string, unknown> = {}) => ({
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scope: ['tag:team=payments'], amount, currency: 'USD', ...extra }),
  });
  const auditOf = async (target: string) =>
    (await api.json(`/api/v1/audit?target=${encodeURIComponent(target)}`, { role: 'admin' })).body.entries;

  async function everything() {
    return {
      budgets: (await api.json('/api/v1/budgets', { role: 'admin' })).body,
      versions: await api.stores.budgets.listBudgetVersions('payments'),
      audit: await api.stores.access.audit.lastEntry(),
    };
  }

  it('creates, updates and removes a budget, each a version and one audit entry with before and after', async () => {
    const created = await api.json('/api/v1/budgets/payments', { role: 'finance-admin', ...body('3000') });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    assert.deepEqual(
      [created.body.action, created.body.version, created.body.budget.amount],
      ['created', 1, '3000'],
    );
    const updated = await api.json('/api/v1/budgets/payments', {
      role: 'admin',
      ...body('3500.25', { period: 'quarter', thresholds: ['forecast:90'] }),
    });
    assert.deepEqual([updated.body.action, updated.body.version], ['updated', 2]);

    const history = await api.json('/api/v1/budgets/payments/versions', { role: 'viewer' });
    assert.equal(history.status, 200);
    assert.deepEqual(
      history.body.map((v: { version: number; change: string; changedBy: string }) => [
        v.version,
        v.change,
        v.changedBy,
      ]),
      [
        [1, 'created', 'user:finance-admin-user'],
        [2, 'updated', 'user:admin-user'],
      ],
    );
    const diff = await api.json('/api/v1/budgets/payments/diff', { role: 'viewer' });
    assert.equal(diff.status, 200, JSON.stringify(diff.body));
    assert.deepEqual(diff.body, {
      name: 'payments',
      from: 1,
      to: 2,
      changes: [
        { field: 'period', before: 'month', after: 'quarter' },
        { field: 'amount', before: '3000', after: '3500.25' },
        { field: 'thresholds', before: ['actual:50', 'forecast:80', 'forecast:100'], after: ['forecast:90'] },
      ],
    });

    const removed = await api.json('/api/v1/budgets/payments', { role: 'finance-admin', method: 'DELETE' });
    assert.deepEqual(removed.body, { name: 'payments', version: 3 });
    assert.deepEqual((await api.json('/api/v1/budgets', { role: 'viewer' })).body, []);
    const afterRemoval = await api.json('/api/v1/budgets/payments/diff?from=2&to=3', { role: 'viewer' });
    assert.equal(afterRemoval.body.changes.find((c: { field: string }) => c.field === 'amount').after, null);

    const entries = (await auditOf('budget:payments')) as {
      actor: string;
      action: string;
      before: { amount: string } | null;
      after: { amount?: string; version: number };
    }[];
    assert.deepEqual(
      entries.map((e) => [
        e.actor,
        e.action,
        e.before?.amount ?? null,
        e.after.amount ?? null,
        e.after.version,
      ]),
      [
        ['user:finance-admin-user', 'budgets.set', null, '3000', 1],
        ['user:admin-user', 'budgets.set', '3000', '3500.25', 2],
        ['user:finance-admin-user', 'budgets.remove', '3500.25', null, 3],
      ],
    );
    const verified = await api.json('/api/v1/audit/verify', { role: 'admin' });
    assert.equal(verified.body.ok, true);
    // The server kept the head apart after each change (unsigned: no TOLLGATE_AUDIT_KEY here).
    assert.deepEqual(
      [verified.body.checkpoint.seq, verified.body.checkpoint.hash, verified.body.checkpoint.signed],
      [verified.body.entries, verified.body.headHash, false],
    );
  });

  const refusals: [string, Parameters<typeof api.json>[1], number, string][] = [
    ['an amount that is not a decimal', { role: 'admin', ...body('12,5') }, 400, 'REQUEST_INVALID'],
    [
      'a scope no cost line matches',
      { role: 'admin', ...body('10', { scope: ['tag:team=nobody'] }) },
      422,
      'BUDGET_UNKNOWN_SCOPE',
    ],
    ['an unknown field', { role: 'admin', ...body('10', { owner: 'x' }) }, 400, 'REQUEST_INVALID'],
    [
      'a budget owner writing a budget not scoped to their team',
      { role: 'budget-owner', ...body('10') },
      403,
      'AUTH_NOT_OWNER',
    ],
    ['a viewer writing a budget', { role: 'viewer', ...body('10') }, 403, 'AUTH_FORBIDDEN'],
  ];
  for (const [what, init, status, code] of refusals) {
    it(`refuses ${what} with ${status} ${code}, writing nothing`, async () => {
      const before = await everything();
      const answer = await api.json('/api/v1/budgets/payments', init);
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, code);
      assert.ok(answer.body.error.message.length > 20);
      assert.deepEqual(await everything(), before);
    });
  }

  it('refuses removing an unknown budget and diffs of versions that do not exist or are out of order', async () => {
    const before = await everything();
    const missing = await api.json('/api/v1/budgets/nothing', { role: 'admin', method: 'DELETE' });
    assert.deepEqual([missing.status, missing.body.error.code], [404, 'BUDGET_NOT_FOUND']);
    const noHistory = await api.json('/api/v1/budgets/nothing/versions', { role: 'viewer' });
    assert.deepEqual([noHistory.status, noHistory.body.error.code], [404, 'BUDGET_NOT_FOUND']);
    const noVersion = await api.json('/api/v1/budgets/payments/diff?from=1&to=9', { role: 'viewer' });
    assert.deepEqual([noVersion.status, noVersion.body.error.code], [404, 'BUDGET_VERSION_NOT_FOUND']);
    assert.match(noVersion.body.error.message, /versions 1 to 3; to 9/);
    const order = await api.json('/api/v1/budgets/payments/diff?from=3&to=2', { role: 'viewer' });
    assert.deepEqual([order.status, order.body.error.code], [422, 'BUDGET_VERSION_ORDER']);
    const notNumber = await api.json('/api/v1/budgets/payments/diff?from=two', { role: 'viewer' });
    assert.equal(notNumber.status, 400);
    assert.deepEqual(await everything(), before);
  });
});
