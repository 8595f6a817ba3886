import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import { setBudget } from '../../src/app/budget/manage-budgets.js';
import { scanningStore } from '../../src/app/forecast/load-charge-series.js';
import { parseBudget } from '../../src/core/budget/parse-budget.js';
import { daysFrom, ingestFixture, weeklyCost } from '../budgets/cost-fixture.js';
import { startApi } from './api-harness.js';

/**
 * GET /api/v1/budgets/status answers every budget at once with grouped queries; each entry must
 * be exactly what GET /api/v1/budgets/:name/status answers for that budget, for budgets that
 * share a grouped query (same scope shape), budgets that do not (two dimensions), and budgets
 * that cannot be measured (their error in place of a status).
 */
describe('budget statuses in one call', async () => {
  const api = await startApi({}, {}, async (dbPath) => {
    const lines = daysFrom('2026-01-01', 139).flatMap((day) => [
      { day, cost: weeklyCost(day, 100), team: 'payments' },
      { day, cost: weeklyCost(day, 40), team: 'search', service: 'Amazon Simple Storage Service' },
      { day, cost: '1.5', team: 'eu-analytics', currency: 'EUR' },
      ...(day.endsWith('-01')
        ? [{ day, cost: '500', team: 'payments', service: 'AWS Support', frequency: 'Recurring' as const }]
        : []),
    ]);
    await ingestFixture(dbPath, dirname(dbPath), 'costs.csv', lines);
  });
  const budgets = [
    { name: 'payments', scope: ['tag:team=payments'], period: 'month', amount: '3000', currency: 'USD' },
    {
      name: 'search',
      scope: ['tag:team=search', 'currency=USD'],
      period: 'month',
      amount: '900',
      currency: 'USD',
    },
    { name: 'eu', scope: ['tag:team=eu-analytics'], period: 'fiscal-year', amount: '400', currency: 'EUR' },
    { name: 'usd-quarter', scope: ['currency=USD'], period: 'quarter', amount: '20000', currency: 'USD' },
    { name: 'everything-eur', scope: ['currency=EUR'], period: 'month', amount: '50', currency: 'EUR' },
    {
      name: 'search-s3',
      scope: ['tag:team=search', 'service=Amazon Simple Storage Service'],
      period: 'month',
      amount: '800',
      currency: 'USD',
      metric: 'billed',
    },
  ];
  for (const budget of budgets) await setBudget(api.stores, budget);
  // In the wrong currency: saved as is (setBudget would refuse it), so its status fails.
  await api.stores.budgets.saveBudget(
    parseBudget({ name: 'payments-eur', scope: ['tag:team=payments'], amount: '10', currency: 'EUR' }),
  );
  const names = [...budgets.map((budget) => budget.name), 'payments-eur'];

  for (const asOf of ['2026-05-20', '2026-03-01', '2026-01-01']) {
    it(`answers, as of ${asOf}, what each single status answers`, async () => {
      const all = await api.json(`/api/v1/budgets/status?asOf=${asOf}`, { role: 'viewer' });
      assert.equal(all.status, 200, JSON.stringify(all.body));
      assert.equal(all.body.asOf, asOf);
      assert.deepEqual(
        all.body.budgets.map((entry: { name: string }) => entry.name).sort(),
        [...names].sort(),
      );
      for (const entry of all.body.budgets) {
        const single = await api.json(`/api/v1/budgets/${entry.name}/status?asOf=${asOf}`, {
          role: 'viewer',
        });
        if (single.status === 200) {
          assert.equal(entry.error, null, `${entry.name}: ${JSON.stringify(entry.error)}`);
          assert.deepEqual(entry.status, single.body.status, entry.name);
          assert.deepEqual(entry.forecast, single.body.forecast, entry.name);
          assert.equal(entry.scopeKey, single.body.scopeKey);
        } else {
          assert.equal(entry.status, null);
          assert.deepEqual(entry.error, {
            code: single.body.error.code,
            message: single.body.error.message,
          });
        }
        assert.equal(entry.budget.name, entry.name);
      }
      const mismatch = all.body.budgets.find((entry: { name: string }) => entry.name === 'payments-eur');
      assert.equal(
        mismatch.error.code,
        // Its USD spend has no rate into EUR: never a silent zero.
        asOf === '2026-01-01' ? 'BUDGET_NO_DATA' : 'RATE_MISSING',
      );
      if (asOf === '2026-05-20') {
        const payments = all.body.budgets.find((entry: { name: string }) => entry.name === 'payments');
        assert.equal(payments.status.period.label, '2026-05');
        assert.match(payments.status.actual, /^\d+\.\d+$/);
      }
    });
  }

  it('shares a daily-charges scan asked for twice while it runs, and keeps nothing after', async () => {
    const budgetStore = api.stores.budgets;
    const scan = budgetStore.scanDailyCharges.bind(budgetStore);
    let scans = 0;
    budgetStore.scanDailyCharges = (query) => {
      scans++;
      return scan(query);
    };
    try {
      const query = {
        filters: [{ dimension: 'currency' as const, values: ['USD'] }],
        metric: 'effective' as const,
        from: '2026-02-01',
        to: '2026-05-01',
      };
      const [first, second] = await Promise.all([
        scanningStore(api.stores).dailyCharges(query),
        scanningStore(api.stores).dailyCharges(query),
      ]);
      assert.equal(scans, 1);
      assert.deepEqual(second, first);
      assert.ok(first.length > 0);
      await scanningStore(api.stores).dailyCharges({ ...query, metric: 'billed' });
      await scanningStore(api.stores).dailyCharges(query);
      assert.equal(scans, 3, 'a different query, and the same one after the first ended, scan again');
    } finally {
      budgetStore.scanDailyCharges = scan;
    }
  });

  it('answers only the budgets asked for, in the order asked', async () => {
    const some = await api.json('/api/v1/budgets/status?asOf=2026-05-20&budget=search&budget=payments');
    assert.equal(some.status, 200, JSON.stringify(some.body));
    assert.deepEqual(
      some.body.budgets.map((entry: { name: string }) => entry.name),
      ['search', 'payments'],
    );
  });

  it('refuses a bad day and an unknown budget with stable codes', async () => {
    const badDay = await api.json('/api/v1/budgets/status?asOf=2026-13-01');
    assert.equal(badDay.status, 400, JSON.stringify(badDay.body));
    assert.equal(badDay.body.error.code, 'BUDGET_BAD_DATE');
    const tooLong = await api.json('/api/v1/budgets/status?asOf=2026-05-20T00:00:00Z');
    assert.equal(tooLong.status, 400, JSON.stringify(tooLong.body));
    const unknown = await api.json('/api/v1/budgets/status?budget=payments&budget=nope');
    assert.equal(unknown.status, 404, JSON.stringify(unknown.body));
    assert.equal(unknown.body.error.code, 'BUDGET_NOT_FOUND');
    assert.match(unknown.body.error.message, /nope/);
    const none = await api.json('/api/v1/budgets/status', { role: null });
    assert.equal(none.status, 401);
  });
});
