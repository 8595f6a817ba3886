import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { addCostEntriesFile } from '../../src/app/costs/add-cost-entries.js';
import { queryCostsInCurrency } from '../../src/app/costs/convert-cost-report.js';
import { queryCosts } from '../../src/app/costs/query-costs.js';
import { addRates, loadRatesFile } from '../../src/app/currency/manage-exchange-rates.js';
import { convertAmount } from '../../src/core/currency/convert-amount.js';
import { divideAmount } from '../../src/core/currency/rate-table.js';
import { Decimal } from '../../src/core/money.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { ENGINES, openFreshStores } from '../support/open-both-engines.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = makeTempDir();
const COSTS = join(REPO_ROOT, 'examples/costs/it-costs.csv');
const RATES = join(REPO_ROOT, 'examples/rates/rates-2026.csv');
const EPSILON = new Decimal('1e-16');

for (const engine of ENGINES) {
  describe(`one reporting currency on ${engine}`, async () => {
    const stores = await openFreshStores(engine);
    after(() => stores.close());
    await addCostEntriesFile(stores, COSTS, { dryRun: false });
    await loadRatesFile(stores, RATES);

    it('converts per charge day; lines converted one by one add up to the converted total within the rounding rule', async () => {
      const query = { groupBy: ['month' as const], metric: 'billed' as const, filters: [] };
      const converted = await queryCostsInCurrency(stores, query, 'EUR', 'day');
      assert.ok(converted.rows.every((row) => row.currency === 'EUR'));
      assert.equal(converted.rows.length, 12);
      // Independently: every cost line (here one per entry and day) at its own day's rate.
      const lines = await queryCosts(stores.costs, {
        groupBy: ['day', 'provider', 'service'],
        metric: 'billed',
        filters: [],
      });
      const rates = new Map(
        (await stores.exchangeRates.listRates({ toCurrency: 'EUR' })).map((rate) => [
          `${rate.date}|${rate.from}`,
          rate.rate,
        ]),
      );
      let lineByLine = new Decimal(0);
      for (const line of lines.rows) {
        const rate = line.currency === 'EUR' ? '1' : rates.get(`${line.dimensions.day}|${line.currency}`)!;
        lineByLine = lineByLine.plus(convertAmount(line.cost, rate));
      }
      const total = new Decimal(converted.totals[0]!.cost);
      assert.ok(
        total.minus(lineByLine).abs().lte(EPSILON.times(lines.rows.length).dividedBy(2)),
        `${total} vs ${lineByLine}`,
      );
      assert.ok(total.gt('94500'), 'USD spend was added, converted');
      // Billing-currency amounts stay available, unconverted: conservation is checked on them.
      const billing = await queryCosts(stores.costs, { groupBy: [], metric: 'billed', filters: [] });
      assert.deepEqual(converted.billingTotals, billing.totals);
    });

    it('a month basis converts every day of a month at the rate dated its first day', async () => {
      const query = {
        groupBy: ['month' as const],
        metric: 'billed' as const,
        filters: [{ dimension: 'provider' as const, values: ['Red Hat'] }],
      };
      const february = (await queryCostsInCurrency(stores, query, 'EUR', 'month')).rows.find(
        (row) => row.dimensions.month === '2026-02',
      )!;
      const [firstRate] = await stores.exchangeRates.listRates({
        fromDay: '2026-02-01',
        toDay: '2026-02-01',
        fromCurrency: 'USD',
      });
      const usd = (await queryCosts(stores.costs, query)).rows.find(
        (row) => row.dimensions.month === '2026-02',
      )!;
      assert.equal(new Decimal(february.cost).toFixed(), convertAmount(usd.cost, firstRate!.rate).toFixed());
    });

    it('a day with spend and no rate is refused, naming the day and the pair; never a zero', async () => {
      const late = join(dir, `late-${engine}.csv`);
      writeFileSync(
        late,
        'kind,provider,service,start,currency,amount\nsaas,Slack,Slack,2027-01-05,USD,80.00\n',
      );
      await addCostEntriesFile(stores, late, { dryRun: false });
      await expectRefusal(
        () =>
          queryCostsInCurrency(
            stores,
            { groupBy: [], metric: 'billed', filters: [] },
            'EUR',
            'day',
            undefined,
            { currency: '--currency' },
          ),
        'RATE_MISSING',
        'conflict',
        /No exchange rate for 2027-01-05 USD->EUR.*Add the rates \(USD to EUR from 2027-01-05\)/,
      );
      // Neither direction stored (no JPY rate at all): refused, never a zero.
      await expectRefusal(
        () =>
          queryCostsInCurrency(
            stores,
            { from: '2026-01-01', to: '2026-01-02', groupBy: [], metric: 'billed', filters: [] },
            'JPY',
            'day',
          ),
        'RATE_MISSING',
        'conflict',
        /2026-01-01 EUR->JPY/,
      );
      // Only USD->EUR is stored: EUR spend is shown in USD by dividing by it (the inverse direction).
      const day = {
        from: '2026-01-01',
        to: '2026-01-02',
        groupBy: [],
        metric: 'billed' as const,
        filters: [],
      };
      const [usdEur] = await stores.exchangeRates.listRates({
        fromDay: '2026-01-01',
        toDay: '2026-01-01',
        fromCurrency: 'USD',
        toCurrency: 'EUR',
      });
      const inUsd = await queryCostsInCurrency(stores, day, 'USD', 'day');
      const billing = await queryCosts(stores.costs, day);
      const expected = billing.totals.reduce(
        (sum, total) =>
          sum.plus(total.currency === 'USD' ? total.cost : divideAmount(total.cost, usdEur!.rate)),
        new Decimal(0),
      );
      assert.ok(billing.totals.some((total) => total.currency === 'EUR'));
      assert.equal(new Decimal(inUsd.totals[0]!.cost).toFixed(), expected.toFixed());
      await addRates(stores, [{ date: '2027-01-05', from: 'USD', to: 'EUR', rate: '0.5' }]);
      const report = await queryCostsInCurrency(
        stores,
        { from: '2027-01-01', groupBy: [], metric: 'billed', filters: [] },
        'EUR',
        'day',
      );
      assert.equal(new Decimal(report.totals[0]!.cost).toFixed(), '40');
    });

    it('an unknown currency is a usage error named as the caller names it', async () => {
      await expectRefusal(
        () =>
          queryCostsInCurrency(
            stores,
            { groupBy: [], metric: 'billed', filters: [] },
            'EURO',
            'day',
            undefined,
            { currency: '--currency' },
          ),
        'CURRENCY_UNKNOWN',
        'usage',
        /^--currency EURO is not an ISO 4217 code/,
      );
    });
  });
}
