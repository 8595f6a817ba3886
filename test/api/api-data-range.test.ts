import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import { Decimal } from '../../src/core/money.js';
import { daysFrom, ingestFixture, weeklyCost } from '../budgets/cost-fixture.js';
import { startApi } from './api-harness.js';

/** GET /api/v1/data-range: what the dashboard asks first, equal to what /costs by currency and day says. */
describe('the data range', async () => {
  const api = await startApi({}, {}, async (dbPath) => {
    const lines = [
      ...daysFrom('2026-01-01', 139).map((day) => ({ day, cost: weeklyCost(day, 100), team: 'payments' })),
      // EUR ends a month and a half earlier, on a day in the middle of its last month.
      ...daysFrom('2026-01-10', 88).map((day) => ({ day, cost: '1.5', team: 'eu', currency: 'EUR' })),
    ];
    await ingestFixture(dbPath, dirname(dbPath), 'costs.csv', lines);
  });

  it('an empty store has no currencies', async () => {
    const empty = await startApi();
    const answer = await empty.json('/api/v1/data-range', { role: 'viewer' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body, {
      metric: 'effective',
      currencies: [],
      reportingCurrency: null,
      reportingCurrencies: [],
    });
  });

  it('names the currencies every figure can be converted into: the configured one and those of rates', async () => {
    const configured = await startApi({ reportingCurrency: 'CHF' });
    const before = await configured.json('/api/v1/data-range', { role: 'viewer' });
    assert.equal(before.body.reportingCurrency, 'CHF');
    assert.deepEqual(before.body.reportingCurrencies, ['CHF']);
    const saved = await configured.json('/api/v1/rates', {
      role: 'finance-admin',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rates: [{ date: '2026-01-01', from: 'EUR', to: 'USD', rate: '1.1' }] }),
    });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    const after = await configured.json('/api/v1/data-range', { role: 'viewer' });
    assert.deepEqual(after.body.reportingCurrencies, ['CHF', 'EUR', 'USD']);
    // Without a configured currency, only the rates' currencies are offered.
    const plain = await api.json('/api/v1/data-range', { role: 'viewer' });
    assert.equal(plain.body.reportingCurrency, null);
    assert.deepEqual(plain.body.reportingCurrencies, []);
  });

  for (const metric of ['effective', 'billed', 'list']) {
    it(`gives each currency's total and last day as /costs by currency and day does (${metric})`, async () => {
      const range = await api.json(`/api/v1/data-range?metric=${metric}`, { role: 'viewer' });
      assert.equal(range.status, 200, JSON.stringify(range.body));
      const days = await api.json(`/api/v1/costs?by=currency,day&metric=${metric}`, { role: 'viewer' });
      const expected = new Map<string, { total: Decimal; lastDay: string }>();
      for (const row of days.body.rows as { currency: string; day: string; cost: string }[]) {
        const entry = expected.get(row.currency) ?? { total: new Decimal(0), lastDay: '' };
        entry.total = entry.total.plus(row.cost);
        if (row.day.slice(0, 10) > entry.lastDay) entry.lastDay = row.day.slice(0, 10);
        expected.set(row.currency, entry);
      }
      assert.deepEqual(
        range.body.currencies.map((entry: { currency: string; lastDay: string }) => [
          entry.currency,
          entry.lastDay,
        ]),
        [
          ['USD', '2026-05-19'],
          ['EUR', '2026-04-07'],
        ],
      );
      for (const entry of range.body.currencies) {
        assert.equal(entry.lastDay, expected.get(entry.currency)!.lastDay);
        assert.equal(entry.total, expected.get(entry.currency)!.total.toFixed());
      }
      assert.equal(range.body.metric, metric);
    });
  }

  it("rates that start a month before the costs change neither the last day nor the year's total", async () => {
    const year = daysFrom('2026-01-01', 365);
    const early = await startApi({}, {}, async (dbPath) => {
      const lines = [
        ...year.map((day) => ({ day, cost: weeklyCost(day, 100), team: 'payments' })),
        ...year.map((day) => ({ day, cost: '1.5', team: 'eu', currency: 'EUR' })),
      ];
      await ingestFixture(dbPath, dirname(dbPath), 'costs.csv', lines);
    });
    const rates = daysFrom('2025-12-01', 31 + 365).map((date) => ({
      date,
      from: 'EUR',
      to: 'USD',
      rate: '1.08',
    }));
    const saved = await early.json('/api/v1/rates', {
      role: 'finance-admin',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rates }),
    });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    const range = await early.json('/api/v1/data-range', { role: 'viewer' });
    const usd = range.body.currencies.find((entry: { currency: string }) => entry.currency === 'USD');
    assert.equal(usd.lastDay, '2026-12-31');
    // The executive year: the one total, the daily series and the months, USD only, all equal.
    const asked = (by: string) =>
      early.json(
        `/api/v1/costs?by=${by}&from=2026-01-01&to=2027-01-01&currency=billing&filter=currency=USD`,
        {
          role: 'viewer',
        },
      );
    const sum = (rows: { cost: string }[]) =>
      rows.reduce((total, row) => total.plus(row.cost), new Decimal(0)).toFixed();
    const total = (await asked('currency')).body.rows[0].cost;
    const expected = sum(year.map((day) => ({ cost: weeklyCost(day, 100) })));
    assert.equal(new Decimal(total).toFixed(), expected);
    assert.equal(sum((await asked('day')).body.rows), expected);
    assert.equal(sum((await asked('month')).body.rows), expected);
    assert.equal((await asked('day')).body.rows.length, 365);
  });

  it('refuses an unknown metric with 400 and needs a token', async () => {
    const bad = await api.json('/api/v1/data-range?metric=cheapest');
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    assert.match(JSON.stringify(bad.body.error), /metric/);
    const anonymous = await api.json('/api/v1/data-range', { role: null });
    assert.equal(anonymous.status, 401);
  });
});
