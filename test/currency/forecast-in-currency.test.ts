import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setBudget } from '../../src/app/budget/manage-budgets.js';
import { addCostEntriesFile } from '../../src/app/costs/add-cost-entries.js';
import { loadRatesFile } from '../../src/app/currency/manage-exchange-rates.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import { convertAmount } from '../../src/core/currency/convert-amount.js';
import type { ForecastMoneyDay } from '../../src/core/forecast/forecast-money.js';
import { Decimal } from '../../src/core/money.js';
import { startApi } from '../api/api-harness.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { REPO_ROOT, runCli } from '../support/run-cli.js';

const COSTS = join(REPO_ROOT, 'examples/costs/it-costs.csv');
const RATES = join(REPO_ROOT, 'examples/rates/rates-2026.csv');
const ASKED = 'asOf=2026-07-01&horizon=30d&metric=billed';
const FIGURES = ['point', 'lo80', 'hi80', 'lo95', 'hi95'] as const;

/** A forecast day as the API answers it: the core's exact-money day. */
type Day = ForecastMoneyDay;
interface Answer {
  currency: string;
  dataThrough: string;
  forecast: { days: Day[] };
  total: Record<(typeof FIGURES)[number], string>;
  conversion: {
    currency: string;
    rule: string;
    rates: { from: string; rateDay: string; oneUnit: string }[];
  } | null;
}

/** A figure converted as the API states it: convertAmount's rule, then the forecast's 6 decimals. */
function converted(amount: string, rate: string): Decimal {
  return convertAmount(amount, rate).toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN);
}

describe('a forecast in one reporting currency (GET /forecasts currency=, tollgate forecast --currency)', async () => {
  const api = await startApi({}, {}, async (dbPath) => {
    // EUR and USD costs of 2026 (examples/costs) and the year's USD/GBP -> EUR rates.
    const stores = await openTollgate(loadConfig({ db: dbPath }));
    try {
      await addCostEntriesFile(stores, COSTS, { dryRun: false });
      await loadRatesFile(stores, RATES);
      // A budget written in USD over USD spend, for the statuses in EUR.
      await setBudget(stores, {
        name: 'redhat-usd',
        scope: 'provider=Red Hat',
        amount: '30000',
        currency: 'USD',
        metric: 'billed',
        period: 'month',
      });
    } finally {
      await stores.close();
    }
  });
  let inEuro: Answer[] = [];

  it('converts each USD forecast day, bounds included, at the last known rate and adds it to the EUR forecast', async () => {
    const billing = await api.json(`/api/v1/forecasts?${ASKED}`, { role: 'viewer' });
    assert.equal(billing.status, 200, JSON.stringify(billing.body));
    const apart = billing.body as Answer[];
    assert.deepEqual(apart.map((answer) => answer.currency).sort(), ['EUR', 'USD']);
    assert.ok(apart.every((answer) => answer.conversion === null));
    const answer = await api.json(`/api/v1/forecasts?${ASKED}&currency=EUR`, { role: 'viewer' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    inEuro = answer.body;
    assert.equal(inEuro.length, 1);
    const [one] = inEuro;
    assert.equal(one!.currency, 'EUR');
    // The last known rate is the stored rate of the data's last day (2026-06-30), stated in the answer.
    const [stored] = (await api.stores.exchangeRates.listRates({
      fromDay: '2026-06-30',
      toDay: '2026-06-30',
      fromCurrency: 'USD',
      toCurrency: 'EUR',
    }))!;
    assert.equal(one!.dataThrough, '2026-06-30');
    assert.deepEqual(one!.conversion!.rates, [{ from: 'USD', rateDay: '2026-06-30', oneUnit: stored!.rate }]);
    assert.match(one!.conversion!.rule, /last known rate/);
    const eur = apart.find((a) => a.currency === 'EUR')!;
    const usd = apart.find((a) => a.currency === 'USD')!;
    assert.equal(one!.forecast.days.length, 30);
    for (const [index, day] of one!.forecast.days.entries()) {
      const [e, u] = [eur.forecast.days[index]!, usd.forecast.days[index]!];
      const recurring = converted(u.recurring, stored!.rate);
      assert.equal(day.date, e.date);
      for (const figure of FIGURES) {
        // Each bound's usage part is converted, plus the converted recurring part (point = usage + recurring).
        const usagePart = figure === 'point' ? u.usage : new Decimal(u[figure]).minus(u.recurring).toFixed();
        const expected = new Decimal(e[figure]).plus(converted(usagePart, stored!.rate)).plus(recurring);
        assert.equal(new Decimal(day[figure]).toFixed(6), expected.toFixed(6), `${day.date} ${figure}`);
      }
    }
    for (const figure of FIGURES)
      assert.equal(
        one!.total[figure],
        one!.forecast.days.reduce((sum, day) => sum.plus(day[figure]), new Decimal(0)).toFixed(),
      );
  });

  it('refuses a currency with no rate on the last day (RATE_MISSING, naming the day and pair) and an unknown code', async () => {
    const before = await api.stores.forecasts.listSnapshots();
    const missing = await api.json(`/api/v1/forecasts?${ASKED}&currency=GBP`, { role: 'viewer' });
    assert.equal(missing.status, 409, JSON.stringify(missing.body));
    assert.equal(missing.body.error.code, 'RATE_MISSING');
    assert.match(missing.body.error.message, /2026-06-30 USD->GBP/);
    assert.match(missing.body.error.message, /Add the rates/);
    const unknown = await api.json(`/api/v1/forecasts?${ASKED}&currency=EURO`, { role: 'viewer' });
    assert.equal(unknown.status, 400, JSON.stringify(unknown.body));
    assert.equal(unknown.body.error.code, 'CURRENCY_UNKNOWN');
    assert.deepEqual(await api.stores.forecasts.listSnapshots(), before, 'nothing saved');
  });

  it('measures a USD budget in EUR: spend as GET /costs currency=EUR, its amount at the rate of the last day counted', async () => {
    const answer = await api.json('/api/v1/budgets/status?asOf=2026-07-10&currency=EUR', { role: 'viewer' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const [entry] = answer.body.budgets;
    assert.equal(entry.error, null, JSON.stringify(entry.error));
    const [rate] = await api.stores.exchangeRates.listRates({
      fromDay: '2026-07-09',
      toDay: '2026-07-09',
      fromCurrency: 'USD',
      toCurrency: 'EUR',
    });
    assert.deepEqual(
      { ...entry.conversion, rule: undefined },
      {
        currency: 'EUR',
        budgetAmount: '30000',
        budgetCurrency: 'USD',
        amountRateDay: '2026-07-09',
        rule: undefined,
      },
    );
    assert.equal(entry.status.currency, 'EUR');
    assert.equal(new Decimal(entry.status.amount).toFixed(), convertAmount('30000', rate!.rate).toFixed());
    const costs = await api.json(
      `/api/v1/costs?currency=EUR&metric=billed&filter=${encodeURIComponent('provider=Red Hat')}&from=2026-07-01&to=2026-07-10`,
      { role: 'viewer' },
    );
    assert.equal(costs.status, 200, JSON.stringify(costs.body));
    assert.equal(new Decimal(entry.status.actual).toFixed(), new Decimal(costs.body.rows[0].cost).toFixed());
    const apart = await api.json('/api/v1/budgets/status?asOf=2026-07-10', { role: 'viewer' });
    assert.equal(apart.body.budgets[0].status.currency, 'USD');
    assert.equal(apart.body.budgets[0].conversion, null);
    // No USD->GBP rate: that budget carries RATE_MISSING (day and pair), no figure.
    const missing = await api.json('/api/v1/budgets/status?asOf=2026-07-10&currency=GBP', { role: 'viewer' });
    assert.equal(missing.status, 200);
    assert.equal(missing.body.budgets[0].status, null);
    assert.equal(missing.body.budgets[0].error.code, 'RATE_MISSING');
    assert.match(missing.body.budgets[0].error.message, /2026-07-09 USD->GBP/);
    const unknown = await api.json('/api/v1/budgets/status?currency=EURO', { role: 'viewer' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.code, 'CURRENCY_UNKNOWN');
  });

  it('the CLI gives the same converted forecast, saves nothing, and exits 1 on a missing rate with the database as before', async () => {
    await api.close();
    const cli = (...args: string[]) =>
      runCli([
        '--db',
        api.dbPath,
        'forecast',
        '--as-of',
        '2026-07-01',
        '--horizon',
        '30d',
        '--metric',
        'billed',
        ...args,
      ]);
    const before = await snapshotDatabase(api.dbPath);
    const answer = await cli('--currency', 'EUR', '--json');
    assert.equal(answer.code, 0, answer.stderr);
    const [one] = JSON.parse(answer.stdout).forecasts;
    assert.deepEqual(one.total, inEuro[0]!.total);
    assert.equal(one.snapshotId, null);
    assert.deepEqual(one.conversion, inEuro[0]!.conversion);
    const table = await cli('--currency', 'EUR');
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /In EUR: every forecast day is converted at the last known rate/);
    const refused = await cli('--currency', 'GBP');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /No exchange rate for 2026-06-30 USD->GBP/);
    const unknown = await cli('--currency', 'EURO');
    assert.equal(unknown.code, 2, 'a usage error');
    assert.match(unknown.stderr, /--currency EURO is not an ISO 4217 code/);
    assert.deepEqual(await snapshotDatabase(api.dbPath), before);
  });
});
