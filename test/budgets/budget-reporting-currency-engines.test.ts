import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { reportBudgetStatus } from '../../src/app/budget/budget-status-report.js';
import { reportBudgetStatuses } from '../../src/app/budget/budget-statuses-report.js';
import { requireBudget, setBudget } from '../../src/app/budget/manage-budgets.js';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { addRates } from '../../src/app/currency/manage-exchange-rates.js';
import { convertAmount } from '../../src/core/currency/convert-amount.js';
import { divideAmount } from '../../src/core/currency/rate-table.js';
import { addDays, daysBetween } from '../../src/core/forecast/day-dates.js';
import { sumExactSeriesDays } from '../../src/core/forecast/exact-charge-series.js';
import { Decimal } from '../../src/core/money.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { ENGINES, openFreshStores } from '../support/open-both-engines.js';
import { makeTempDir } from '../support/temp-dir.js';
import { writeFocusFixture } from './cost-fixture.js';

const dir = makeTempDir();
/** USD spend on five March days and on the 10th; EUR spend on the 4th. */
const USD_DAYS = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
const LINES = [
  ...USD_DAYS.map((day, index) => ({ day, cost: `${100 + index}.125`, currency: 'USD' })),
  { day: '2026-03-04', cost: '40.5', currency: 'EUR' },
  { day: '2026-03-10', cost: '77.77', currency: 'USD' },
];
/** USD->EUR for 1-9 March (none for the 10th). */
const RATES = Array.from({ length: 9 }, (_, index) => ({
  date: `2026-03-0${index + 1}`,
  from: 'USD',
  to: 'EUR',
  rate: `0.9${index}13`,
}));
const BUDGET = {
  name: 'platform-eur',
  scope: 'provider=AWS',
  amount: '2000',
  currency: 'EUR',
  metric: 'billed',
};

for (const engine of ENGINES) {
  describe(`a budget in the reporting currency on ${engine}`, async () => {
    const stores = await openFreshStores(engine);
    after(() => stores.close());
    const file = join(dir, `${engine}-costs.csv`);
    writeFocusFixture(file, LINES);
    await ingestBillingFiles(stores, [file], {
      onError: 'fail',
      dryRun: false,
      rejectReportPath: join(dir, 'r.csv'),
    });

    it('is refused while no rate converts its scope’s other currency, saying how to add one', async () => {
      await expectRefusal(
        () => setBudget(stores, BUDGET),
        'BUDGET_CURRENCY_MISMATCH',
        'invalid-input',
        /no exchange rate from USD to EUR .*Load the exchange rates/,
      );
    });

    it('measures converted actuals: each charge day at its rate, by the stated rule, and says so', async () => {
      await addRates(stores, RATES);
      await setBudget(stores, BUDGET);
      const budget = await requireBudget(stores, 'platform-eur');
      const { status } = await reportBudgetStatus(stores, budget, '2026-03-08');
      assert.equal(status.currency, 'EUR');
      // Independently: every USD day's cost times its day's rate (rounded by convertAmount's rule), plus the EUR spend.
      let expected = new Decimal('40.5');
      for (const [index, day] of USD_DAYS.entries())
        expected = expected.plus(
          convertAmount(`${100 + index}.125`, RATES.find((r) => r.date === day)!.rate),
        );
      assert.equal(new Decimal(status.actual).toFixed(), expected.toFixed());
      assert.match(status.warnings[0]!, /spend in USD converted into EUR at each charge day's rate/);
      const [batch] = await reportBudgetStatuses(stores, [budget], '2026-03-08');
      assert.equal(batch!.report?.status.actual, status.actual);
    });

    it('its daily series is exact decimal text that sums to the actual to the last decimal, both directions of a rate', async () => {
      const eur = await requireBudget(stores, 'platform-eur');
      // USD budget over the same scope: the EUR spend converts by the inverse of USD->EUR.
      await setBudget(stores, { ...BUDGET, name: 'platform-usd', currency: 'USD' });
      const usd = await requireBudget(stores, 'platform-usd');
      for (const budget of [eur, usd]) {
        const { status, series } = await reportBudgetStatus(stores, budget, '2026-03-08');
        for (const part of [series.series.usage, series.series.recurring, series.series.oneTime])
          for (const value of part) assert.match(value, /^-?\d+(\.\d+)?$/, `${budget.name}: ${value}`);
        const summed = sumExactSeriesDays(
          series.series,
          status.period.start,
          addDays(status.dataThrough!, 1),
        );
        assert.equal(summed.toFixed(), new Decimal(status.actual).toFixed(), budget.name);
      }
      const { series } = await reportBudgetStatus(stores, usd, '2026-03-08');
      const march4 = daysBetween(series.series.firstDay, '2026-03-04');
      assert.equal(
        new Decimal(series.series.usage[march4]!).toFixed(),
        new Decimal('102.125').plus(divideAmount('40.5', RATES[3]!.rate)).toFixed(),
        'the inverse rate divides exactly (half-even at 16 decimals), never 1 / rate as a float',
      );
    });

    it('the month basis converts every day at the rate dated the first of its month', async () => {
      const budget = await requireBudget(stores, 'platform-eur');
      const { status } = await reportBudgetStatus(stores, budget, '2026-03-08', {}, 'month');
      let expected = new Decimal('40.5');
      for (const index of USD_DAYS.keys())
        expected = expected.plus(convertAmount(`${100 + index}.125`, RATES[0]!.rate));
      assert.equal(new Decimal(status.actual).toFixed(), expected.toFixed());
      assert.match(status.warnings[0]!, /at the rate dated the first day of each month/);
    });

    it('a day with spend and no rate is RATE_MISSING naming the day and pair, never a silent zero', async () => {
      const budget = await requireBudget(stores, 'platform-eur');
      await expectRefusal(
        () => reportBudgetStatus(stores, budget, '2026-03-20'),
        'RATE_MISSING',
        'conflict',
        /No exchange rate for 2026-03-10 USD->EUR/,
      );
      const [batch] = await reportBudgetStatuses(stores, [budget], '2026-03-20');
      assert.equal(batch!.error?.code, 'RATE_MISSING');
    });
  });
}
