import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { budgetAlertConditions, measureBurnRates } from '../../src/core/alerting/budget-alert-conditions.js';
import { validateWebhookUrl } from '../../src/core/alerting/webhook-url.js';
import { periodContaining } from '../../src/core/budget/budget-period.js';
import { computeBudgetStatus } from '../../src/core/budget/budget-status.js';
import { parseBudget, parseScopeTerms } from '../../src/core/budget/parse-budget.js';
import { TollgateError } from '../../src/core/errors.js';

const base = { name: 'payments', scope: 'tag:team=payments', amount: '3100', currency: 'usd' };

function rejects(input: unknown, code: string, pattern: RegExp) {
  assert.throws(
    () => parseBudget(input),
    (error: unknown) => {
      assert.ok(error instanceof TollgateError);
      assert.equal(error.code, code);
      assert.match(error.message, pattern);
      return true;
    },
  );
}

describe('budget periods', () => {
  const cases: [string, 'month' | 'quarter' | 'fiscal-year', number, string, string, string][] = [
    ['2026-02-14', 'month', 1, '2026-02-01', '2026-03-01', '2026-02'],
    ['2026-12-31', 'month', 1, '2026-12-01', '2027-01-01', '2026-12'],
    ['2026-05-10', 'quarter', 1, '2026-04-01', '2026-07-01', '2026-Q2'],
    ['2026-05-10', 'quarter', 4, '2026-04-01', '2026-07-01', 'FY2027-Q1'],
    ['2026-02-10', 'quarter', 4, '2026-01-01', '2026-04-01', 'FY2026-Q4'],
    ['2026-02-10', 'fiscal-year', 4, '2025-04-01', '2026-04-01', 'FY2026'],
    ['2026-07-01', 'fiscal-year', 7, '2026-07-01', '2027-07-01', 'FY2027'],
    ['2026-07-01', 'fiscal-year', 1, '2026-01-01', '2027-01-01', '2026'],
  ];
  for (const [day, kind, fiscal, start, end, label] of cases) {
    it(`${day} ${kind} (fiscal start ${fiscal}) is ${label}`, () => {
      const period = periodContaining(day, kind, fiscal);
      assert.deepEqual([period.start, period.end, period.label], [start, end, label]);
    });
  }
});

describe('parseBudget', () => {
  it('fills the defaults and normalises the currency', () => {
    const budget = parseBudget(base);
    assert.equal(budget.currency, 'USD');
    assert.equal(budget.metric, 'effective');
    assert.equal(budget.costClass, 'opex');
    assert.equal(budget.period, 'month');
    assert.deepEqual(budget.scope.filters, [{ dimension: 'tag:team', values: ['payments'] }]);
    assert.deepEqual(
      budget.thresholds.map((t) => `${t.basis}:${t.percent}`),
      ['actual:50', 'forecast:80', 'forecast:100'],
    );
  });

  it('rejects a negative or zero amount, and a non-number', () => {
    rejects({ ...base, amount: '-5' }, 'BUDGET_INVALID', /greater than zero/);
    rejects({ ...base, amount: '0' }, 'BUDGET_INVALID', /greater than zero/);
    rejects({ ...base, amount: '12,000' }, 'BUDGET_INVALID', /not a decimal/);
  });

  it('rejects an unknown scope dimension, owner kind, currency, threshold and field', () => {
    rejects({ ...base, scope: 'colour=blue' }, 'BUDGET_UNKNOWN_SCOPE', /Unknown dimension 'colour'/);
    rejects({ ...base, scope: 'owner:tribe=x' }, 'BUDGET_UNKNOWN_SCOPE', /Unknown owner kind 'tribe'/);
    rejects({ ...base, currency: 'XYZ1' }, 'BUDGET_INVALID', /ISO 4217/);
    rejects({ ...base, thresholds: ['forecast:abc'] }, 'BUDGET_INVALID', /basis:percent/);
    rejects({ ...base, colour: 'blue' }, 'BUDGET_INVALID', /colour/);
    rejects({ ...base, name: 'Bad Name' }, 'BUDGET_INVALID', /lower-case/);
  });

  it('turns owner scopes into filters on allocated lines', () => {
    const scope = parseScopeTerms(['owner:service=checkout-api', 'environment=prod']);
    assert.deepEqual(scope.owner, { kind: 'service', id: 'checkout-api' });
    assert.deepEqual(scope.filters, [
      { dimension: 'catalog-service', values: ['checkout-api'] },
      { dimension: 'environment', values: ['prod'] },
    ]);
  });
});

describe('budget status and burn-rate alerts', () => {
  const budget = parseBudget({ ...base, amount: '3100' }); // 100 a day in a 31-day month
  const period = periodContaining('2026-05-20', 'month');
  const flat = (from: number, days: number, value: number) =>
    Array.from({ length: days }, (_, i) => ({
      date: `2026-05-${String(from + i).padStart(2, '0')}`,
      point: String(value),
      lo80: String(value - 10),
      hi80: String(value + 10),
      lo95: String(value - 20),
      hi95: String(value + 20),
      usage: String(value),
      recurring: '0',
    }));
  const status = (actual: string, lastDay: string, forecastDaily: number) =>
    computeBudgetStatus({
      budget,
      period,
      asOf: '2026-05-20',
      dataThrough: '2026-05-19',
      actual,
      lastDay,
      forecast: flat(20, 12, forecastDaily),
      previousForecastTotal: '3000',
      method: 'holt-winters',
      mase: 0.8,
      intervalSource: 'test',
      warnings: [],
    });

  it('adds actual and forecast, and says the variance, days left and required rate exactly', () => {
    const s = status('1900', '100', 100);
    assert.equal(s.forecastTotal, '3100.00');
    assert.equal(s.remaining, '1200');
    assert.equal(status('3150.5', '100', 100).remaining, '-50.5');
    assert.equal(s.forecastInterval.lo80, '2980.00');
    assert.equal(s.forecastInterval.hi95, '3340.00');
    assert.equal(s.varianceVsBudget, '0.00');
    assert.equal(s.varianceVsPreviousForecast, '100.00');
    assert.equal(s.daysElapsed, 19);
    assert.equal(s.daysLeft, 12);
    assert.equal(s.runRate, '100.00');
    assert.equal(s.requiredDailyRate, '100.00');
  });

  it('pages on a fast burn confirmed by the slow window, tickets a slow drift, and crosses thresholds', () => {
    const runaway = status('2600', '500', 500);
    const rates = measureBurnRates(runaway);
    assert.equal(rates.fast, 5);
    assert.ok(rates.slow > 1.1);
    const keys = budgetAlertConditions(budget, runaway).map(
      (c) => `${c.kind}:${c.severity}:${c.key.split(':').slice(2).join(':')}`,
    );
    // One threshold ticket per budget and period, naming the highest of the three reached.
    assert.deepEqual(keys, [
      'burn-rate:page:burn-rate:page',
      'burn-rate:ticket:burn-rate:ticket',
      'threshold:ticket:threshold',
    ]);
    const threshold = budgetAlertConditions(budget, runaway).find((c) => c.kind === 'threshold')!;
    assert.deepEqual(threshold.details.threshold, { basis: 'forecast', percent: 100 });
    assert.equal((threshold.details.reached as unknown[]).length, 3);
    // One expensive day in a month under budget does not page (the slow window disagrees).
    const blip = budgetAlertConditions(budget, status('1300', '500', 60));
    assert.equal(blip.filter((c) => c.severity === 'page').length, 0);
    // On pace to spend exactly the budget: no burn-rate alert, one threshold ticket at the forecast's 100%.
    const calm = budgetAlertConditions(budget, status('1900', '100', 100));
    assert.deepEqual(
      calm.map((c) => c.key),
      ['payments:2026-05:threshold'],
    );
    assert.deepEqual(calm[0]!.details.threshold, { basis: 'forecast', percent: 100 });
  });
});

describe('webhook URLs', () => {
  const bad: [string, RegExp][] = [
    ['ftp://hooks.example.com/x', /scheme 'ftp:'/],
    ['file:///etc/passwd', /scheme 'file:'/],
    ['http://169.254.169.254/latest/meta-data/', /link-local or cloud metadata/],
    ['http://metadata.google.internal/computeMetadata/v1/', /link-local or cloud metadata/],
    ['http://[fe80::1]/hook', /link-local or cloud metadata/],
    ['http://[::ffff:169.254.169.254]/', /link-local or cloud metadata/],
    ['http://100.100.100.200/', /link-local or cloud metadata/],
    ['https://user:pw@hooks.example.com/', /no credentials/],
    ['not a url', /is not a URL/],
  ];
  for (const [url, pattern] of bad) {
    it(`rejects ${url}`, () => {
      assert.throws(
        () => validateWebhookUrl(url, { allowPrivate: true }),
        (error: unknown) =>
          error instanceof TollgateError && error.code === 'WEBHOOK_BAD_URL' && pattern.test(error.message),
      );
    });
  }
  it('accepts http(s) receivers, loopback included when on-premises receivers are allowed', () => {
    const allowed = { allowPrivate: true };
    assert.equal(
      validateWebhookUrl('https://hooks.slack.com/services/T/B/x', allowed).hostname,
      'hooks.slack.com',
    );
    assert.equal(validateWebhookUrl('http://127.0.0.1:8080/hook', allowed).port, '8080');
  });
});
