import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addRates } from '../../src/app/currency/manage-exchange-rates.js';
import { Decimal } from '../../src/core/money.js';
import { demoGovernanceOf } from '../support/demo-governance-db.js';
import { startApi } from './api-harness.js';

/** The demo's releases (in USD), their deployments and booked labour; no bill, no rates. */
const prepareDemoGovernance = demoGovernanceOf(8);

const EXACT = Decimal.clone({ precision: 120 });
const day = (timestamp: string) => timestamp.slice(0, 10);
const addDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * A USD->EUR rate of its own for every day: the days before `switchDay` stored that way, the
 * later ones only as EUR->USD (each pair's days run without a gap, as rates must).
 */
function ratesOf(from: string, to: string, switchDay: string) {
  const rates: { date: string; from: string; to: string; rate: string }[] = [];
  const factors = new Map<string, { direct: boolean; rate: string }>();
  for (let d = from, i = 0; d <= to; d = addDay(d), i++) {
    const direct = d < switchDay;
    const rate = direct ? `0.9${i % 10}3` : `1.0${i % 10}7`;
    factors.set(d, { direct, rate });
    rates.push(
      direct ? { date: d, from: 'USD', to: 'EUR', rate } : { date: d, from: 'EUR', to: 'USD', rate },
    );
  }
  return { rates, factors };
}

/** The test's own conversion: x rate or / inverse rate, worked out exactly, half to even at 16 decimals. */
function independently(factors: Map<string, { direct: boolean; rate: string }>) {
  return (amount: string, on: string) => {
    const factor = factors.get(day(on))!;
    const exact = factor.direct
      ? new EXACT(amount).times(factor.rate)
      : new EXACT(amount).dividedBy(factor.rate);
    return new Decimal(exact.toDecimalPlaces(16, EXACT.ROUND_HALF_EVEN).toFixed());
  };
}

describe('GET /api/v1/releases, /releases/:id and /releases/:id/actuals with currency=', async () => {
  const api = await startApi({}, {}, prepareDemoGovernance);
  const releases = await api.stores.governance.releases.listReleases();
  const id = releases.find((r) => r.status === 'closed')?.id ?? releases[0]!.id;

  it('refuses a day with no rate (RATE_MISSING naming day and pair) and an unknown currency, changing nothing', async () => {
    const before = {
      releases: await api.stores.governance.releases.listReleases(),
      rates: await api.stores.exchangeRates.listRates({}),
    };
    // The list keeps each release it cannot convert in its own currency, saying why.
    const plain = await api.json('/api/v1/releases', { role: 'viewer' });
    const listed = await api.json('/api/v1/releases?currency=EUR', { role: 'viewer' });
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    for (const [index, row] of listed.body.entries()) {
      assert.equal(row.error.code, 'RATE_MISSING');
      assert.match(row.error.message, /No exchange rate for \d{4}-\d{2}-\d{2} USD->EUR/);
      assert.equal(row.conversion, null);
      assert.deepEqual({ ...row, error: null }, plain.body[index]);
    }
    for (const path of [`/api/v1/releases/${id}`, `/api/v1/releases/${id}/actuals`]) {
      const missing = await api.json(`${path}?currency=EUR`, { role: 'viewer' });
      assert.equal(missing.status, 409, JSON.stringify(missing.body));
      assert.equal(missing.body.error.code, 'RATE_MISSING');
      assert.match(missing.body.error.message, /No exchange rate for \d{4}-\d{2}-\d{2} USD->EUR/);
    }
    for (const path of ['/api/v1/releases', `/api/v1/releases/${id}`, `/api/v1/releases/${id}/actuals`]) {
      const unknown = await api.json(`${path}?currency=EURO`, { role: 'viewer' });
      assert.equal(unknown.status, 400, JSON.stringify(unknown.body));
      assert.equal(unknown.body.error.code, 'CURRENCY_UNKNOWN');
    }
    assert.deepEqual(
      {
        releases: await api.stores.governance.releases.listReleases(),
        rates: await api.stores.exchangeRates.listRates({}),
      },
      before,
    );
  });

  it('converts each part at its own day rate, equal to an independent conversion', async () => {
    const release = releases.find((r) => r.id === id)!;
    const entries = await api.stores.governance.releases.listTimeEntries(id);
    const deployments = await api.stores.governance.deployments.listDeployments({ releaseId: id });
    const everyDay = [
      ...releases.map((r) => day(r.createdAt)),
      ...(await Promise.all(releases.map((r) => api.stores.governance.releases.listTimeEntries(r.id))))
        .flat()
        .map((e) => day(e.date)),
      ...(await api.stores.governance.deployments.listDeployments({})).flatMap((d) => [
        day(d.startedAt),
        day(d.finishedAt),
      ]),
    ].sort();
    // The switch falls inside the release's deployments, so both directions are used.
    const switchDay = deployments.map((d) => day(d.startedAt)).sort()[Math.floor(deployments.length / 2)]!;
    const { rates, factors } = ratesOf(everyDay[0]!, everyDay.at(-1)!, switchDay);
    await addRates(api.stores, rates);
    const convert = independently(factors);

    const own = await api.json(`/api/v1/releases/${id}/actuals`, { role: 'viewer' });
    const asked = await api.json(`/api/v1/releases/${id}/actuals?currency=EUR`, { role: 'viewer' });
    assert.equal(asked.status, 200, JSON.stringify(asked.body));
    assert.equal(own.body.conversion, null);
    assert.equal(own.body.actuals.currency, 'USD');
    assert.equal(asked.body.actuals.currency, 'EUR');
    assert.equal(asked.body.conversion.releaseCurrency, 'USD');
    assert.equal(asked.body.conversion.estimateRateDay, day(release.createdAt));
    assert.match(asked.body.conversion.rule, /labour at the rate of each day booked/);
    const part = (name: string) =>
      asked.body.actuals.parts.find((p: { part: string }) => p.part === name).amount as string | null;
    const sum = (values: Decimal[]) => values.reduce((a, b) => a.plus(b), new Decimal(0));
    const labour = sum(entries.map((e) => convert(e.amount, e.date)));
    const pipeline = sum(deployments.map((d) => convert(d.cost.pipeline, d.startedAt)));
    const process = sum(
      deployments.flatMap((d) =>
        [d.cost.documentation, d.cost.cabReview, d.cost.execution, d.cost.licences, d.cost.rollbackWork].map(
          (amount) => convert(amount, d.startedAt),
        ),
      ),
    );
    assert.ok(entries.length > 0 && deployments.length > 0, 'the demo release has labour and deployments');
    assert.equal(part('labour'), labour.toString());
    assert.equal(part('pipeline'), pipeline.toString());
    assert.equal(part('deploymentProcess'), process.toString());
    assert.equal(part('cloud'), null, 'no bill: the cloud part stays missing, never 0');
    assert.equal(asked.body.actuals.known, sum([labour, pipeline, process]).toString());
    const estimate = convert(own.body.baselines[0].estimate, release.createdAt);
    assert.equal(asked.body.baselines[0].estimate, estimate.toString());

    const detail = await api.json(`/api/v1/releases/${id}?currency=EUR`, { role: 'viewer' });
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    assert.equal(detail.body.estimate.currency, 'EUR');
    assert.equal(detail.body.estimate.total, estimate.toString());
    assert.equal(detail.body.variance.actual, asked.body.actuals.known);
    assert.deepEqual(
      detail.body.timeEntries.map((e: { amount: string }) => e.amount),
      entries.map((e) => convert(e.amount, e.date).toString()),
    );

    const list = await api.json('/api/v1/releases?currency=EUR', { role: 'viewer' });
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const row = list.body.find((r: { id: string }) => r.id === id);
    assert.equal(row.estimate, estimate.toString());
    assert.equal(row.actual, asked.body.actuals.known);
    assert.equal(
      row.budget,
      release.budget === undefined ? null : convert(release.budget, release.createdAt).toString(),
    );
    assert.equal(row.conversion.currency, 'EUR');
    assert.equal(row.error, null);
    // Asked in its own currency, a release answers as without currency=.
    const same = await api.json('/api/v1/releases?currency=USD', { role: 'viewer' });
    const plain = await api.json('/api/v1/releases', { role: 'viewer' });
    assert.deepEqual(same.body, plain.body);
  });
});
