import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareDecimals, formatMoneyText, percentOf, sumDecimals } from '../../web/src/money-text.js';
import { readParam, readParamList, writeParamList, writeParams } from '../../web/src/url-params.js';
import {
  costPerDeploymentByMonth,
  deploymentCurrencyNote,
  findOrganisationBudget,
  unallocatedByMonth,
} from '../../web/src/views/executive-model.js';
import {
  drillCrumbs,
  formatFilterText,
  nextDrillLevel,
  parseFilterText,
  totalsOverTime,
} from '../../web/src/views/explorer-model.js';
import { alertFigures, deploymentsPerDay, measureBurnRates } from '../../web/src/views/on-call-model.js';

describe('dashboard helpers (pure, run under Node)', () => {
  it('sums a time series per group exactly, largest first, a missing value as its own group', () => {
    const rows = [
      { month: '2025-01-01', team: 'payments', currency: 'USD', cost: '0.1000000000000001' },
      { month: '2025-02-01', team: 'payments', currency: 'USD', cost: '0.2000000000000002' },
      { month: '2025-01-01', team: 'search', currency: 'USD', cost: '5' },
      { month: '2025-01-01', team: null, currency: 'USD', cost: '0.3000000000000003' },
      { month: '2025-02-01', team: 'checkout', currency: 'USD', cost: '0.3000000000000003' },
    ];
    assert.deepEqual(totalsOverTime({ rows }, 'team'), [
      { group: 'search', cost: '5' },
      { group: 'checkout', cost: '0.3000000000000003' },
      { group: 'payments', cost: '0.3000000000000003' },
      { group: null, cost: '0.3000000000000003' },
    ]);
    assert.deepEqual(totalsOverTime({ rows: [] }, 'team'), []);
  });

  it('keeps view state in the query string: set, replace, remove, repeated keys', () => {
    assert.equal(writeParams('?view=explorer', { by: 'team' }), '?view=explorer&by=team');
    assert.equal(writeParams('?view=explorer&by=team', { by: null }), '?view=explorer');
    assert.equal(writeParams('?by=team', { by: '' }), '');
    assert.equal(readParam('?view=on-call&env=prod', 'env'), 'prod');
    assert.equal(readParam('?view=on-call', 'env'), null);
    const search = writeParamList('?view=explorer&filter=a%3D1', 'filter', ['team=checkout', 'tag:env=prod']);
    assert.deepEqual(readParamList(search, 'filter'), ['team=checkout', 'tag:env=prod']);
    assert.equal(readParam(search, 'view'), 'explorer');
    assert.equal(writeParamList('?filter=x%3D1', 'filter', []), '');
  });

  it('sums and compares money exactly (no float rounding) and formats it with its currency', () => {
    assert.equal(sumDecimals(['0.1', '0.2', null, '']), '0.3');
    assert.equal(sumDecimals(['1234567890123.0000000000000001', '1']), '1234567890124.0000000000000001');
    assert.equal(percentOf('1', '3'), '33.3');
    assert.equal(percentOf('1', '0'), null);
    assert.ok(compareDecimals('10.5', '9.99') > 0);
    assert.ok(compareDecimals('-1', '0.0001') < 0);
    assert.equal(compareDecimals('2.50', '2.5'), 0);
    assert.equal(formatMoneyText('1234.5', 'USD'), '$1,234.50');
    assert.equal(formatMoneyText('1234.5', 'EUR'), '€1,234.50');
    assert.equal(formatMoneyText('-0.005', 'USD'), '-$0.01');
    assert.equal(formatMoneyText('-0.004', 'USD'), '$0.00');
    assert.equal(formatMoneyText('2.345', 'USD'), '$2.35');
    assert.equal(formatMoneyText('10', 'XTS1'), '10.00 XTS1');
    assert.equal(
      formatMoneyText('9007199254740993.25', 'USD'),
      '$9,007,199,254,740,993.25',
      'beyond float precision',
    );
  });

  it('drills business unit -> team -> service -> resource, stopping before resources without detail rights', () => {
    assert.equal(nextDrillLevel('business-unit', false), 'team');
    assert.equal(nextDrillLevel('team', false), 'catalog-service');
    assert.equal(nextDrillLevel('catalog-service', false), null);
    assert.equal(nextDrillLevel('catalog-service', true), 'resource');
    assert.equal(nextDrillLevel('resource', true), null);
    assert.equal(nextDrillLevel('provider', true), null);
    assert.deepEqual(parseFilterText('tag:team=checkout'), { dimension: 'tag:team', value: 'checkout' });
    assert.deepEqual(parseFilterText('tag:team='), { dimension: 'tag:team', value: '' });
    assert.equal(parseFilterText('no-equals'), null);
    assert.equal(parseFilterText('=x'), null);
    assert.equal(formatFilterText({ dimension: 'team', value: 'a=b' }), 'team=a=b');
    assert.deepEqual(parseFilterText('team=a=b'), { dimension: 'team', value: 'a=b' });
    assert.deepEqual(
      drillCrumbs([
        { dimension: 'provider', value: 'AWS' },
        { dimension: 'business-unit', value: 'commerce' },
        { dimension: 'team', value: 'checkout' },
      ]).map(formatFilterText),
      ['business-unit=commerce', 'team=checkout'],
    );
  });

  it('finds the organisation-wide budget, the unallocated share and cost per deployment exactly', () => {
    const budgets = [
      { name: 'bu', scope: ['business-unit=commerce', 'currency=USD'], period: 'month' as const },
      { name: 'org', scope: ['currency=USD'], period: 'month' as const },
      { name: 'eur', scope: ['currency=EUR'], period: 'month' as const },
    ].map((budget) => ({
      ...budget,
      fiscalYearStartMonth: 1,
      amount: '1',
      currency: budget.scope.at(-1)!.slice(9),
      metric: 'effective' as const,
      class: 'opex' as const,
      thresholds: [],
      burnRate: { pageFastBurn: 3, pageSlowBurn: 1.1, ticketSlowBurn: 1.2, ticketMinElapsedDays: 5 },
    }));
    const usd = { currency: 'USD', converted: false };
    assert.equal(findOrganisationBudget(budgets, usd, 'month', 'effective')?.name, 'org');
    assert.equal(findOrganisationBudget(budgets, usd, 'fiscal-year', 'effective'), undefined);
    // A budget on effective cost does not measure the billed figures the page shows.
    assert.equal(findOrganisationBudget(budgets, usd, 'month', 'billed'), undefined);
    // All spend converted into EUR: only a budget of all spend (no scope) in EUR measures it, and
    // that budget is not the one of the spend billed in EUR alone.
    const all = { ...budgets[2]!, name: 'all-eur', scope: [] };
    assert.equal(
      findOrganisationBudget([...budgets, all], { currency: 'EUR', converted: true }, 'month', 'effective')
        ?.name,
      'all-eur',
    );
    assert.equal(
      findOrganisationBudget([all, ...budgets], { currency: 'EUR', converted: false }, 'month', 'effective')
        ?.name,
      'eur',
    );
    assert.equal(
      findOrganisationBudget(budgets, { currency: 'EUR', converted: true }, 'month', 'effective'),
      undefined,
    );
    // Cost per deployment follows the chosen currency: in another one it says why it is missing.
    assert.equal(deploymentCurrencyNote('USD', 'USD'), null);
    assert.match(deploymentCurrencyNote('USD', 'EUR') ?? '', /figured in USD.*choose USD/);
    const shares = unallocatedByMonth({
      metric: 'effective',
      from: null,
      to: null,
      rows: [
        { month: '2025-02', 'business-unit': 'commerce', currency: 'USD', cost: '0.2' },
        { month: '2025-01', 'business-unit': 'commerce', currency: 'USD', cost: '0.1' },
        { month: '2025-01', 'business-unit': 'unallocated', currency: 'USD', cost: '0.2' },
      ],
      remainder: [],
      monthsWithoutAllocation: [],
    });
    assert.deepEqual(shares, [
      { month: '2025-01', total: '0.3', unallocated: '0.2', percent: '66.7' },
      { month: '2025-02', total: '0.2', unallocated: '0', percent: '0.0' },
    ]);
    const perMonth = costPerDeploymentByMonth({
      currency: 'USD',
      deployments: 3,
      total: '1',
      perDeployment: null,
      byTeamMonth: [
        { month: '2025-01', team: 'a', deployments: 2, cost: '0.1' },
        { month: '2025-01', team: 'b', deployments: 1, cost: '0.2' },
      ],
    });
    assert.deepEqual(perMonth, [{ month: '2025-01', deployments: 3, cost: '0.3', perDeployment: '0.10' }]);
  });

  it('measures burn rates as the alert rules do and reads expected vs actual from alerts', () => {
    const status = {
      budget: 'b',
      period: { start: '2025-12-01', end: '2026-01-01', days: 31, label: '2025-12' },
      asOf: '2025-12-21',
      dataThrough: '2025-12-20',
      amount: '3100',
      currency: 'USD',
      metric: 'effective',
      actual: '2400',
      remaining: '700',
      forecastTotal: '3500.00',
      forecastInterval: { lo80: '3400.00', hi80: '3600.00', lo95: '3300.00', hi95: '3700.00' },
      varianceVsBudget: '400.00',
      variancePercent: 12.9,
      previousForecastTotal: null,
      varianceVsPreviousForecast: null,
      daysElapsed: 20,
      daysLeft: 11,
      runRate: '120.00',
      requiredDailyRate: '63.64',
      budgetedDailyRate: '100',
      lastDay: '350',
      method: 'seasonal-naive',
      mase: null,
      intervalSource: 'backtest',
      warnings: [],
    };
    assert.deepEqual(measureBurnRates(status), { fast: '3.50', slow: '1.20', daysToExhaustion: '2.0' });
    assert.deepEqual(measureBurnRates({ ...status, lastDay: '0' }).daysToExhaustion, null);
    const base = {
      id: 1,
      key: 'b:k',
      budget: 'b',
      severity: 'ticket' as const,
      status: 'open' as const,
      title: 't',
      openedAt: '',
      lastSeenAt: '',
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      silenced: false,
    };
    assert.deepEqual(
      alertFigures({
        ...base,
        kind: 'anomaly',
        details: { expected: '10.00', actual: '25.50', currency: 'USD' },
      }),
      { expected: '10.00', actual: '25.50', expectedLabel: 'expected', currency: 'USD' },
    );
    assert.deepEqual(
      alertFigures({
        ...base,
        kind: 'threshold',
        details: {
          amount: '100',
          forecastTotal: '120',
          actual: '50',
          currency: 'EUR',
          threshold: { basis: 'forecast' },
        },
      }),
      { expected: '100', actual: '120', expectedLabel: 'budget', currency: 'EUR' },
    );
    const perDay = deploymentsPerDay(
      [
        { startedAt: '2025-12-02T10:00:00Z', outcome: 'failed' },
        { startedAt: '2025-12-01T10:00:00Z', outcome: 'succeeded' },
        { startedAt: '2025-12-01T11:00:00Z', outcome: 'succeeded' },
        { startedAt: '2025-11-30T11:00:00Z', outcome: 'succeeded' },
      ].map((item, index) => ({
        ...item,
        id: String(index),
        service: 's',
        version: 'v',
        environment: 'prod',
        finishedAt: null,
        changeType: 'normal',
        cost: null,
      })),
      ['2025-12-01', '2025-12-02'],
    );
    assert.deepEqual(perDay, [
      { outcome: 'succeeded', counts: [2, 0] },
      { outcome: 'failed', counts: [0, 1] },
    ]);
  });
});
