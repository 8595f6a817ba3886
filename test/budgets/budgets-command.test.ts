import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { setBudget } from '../../src/app/budget/manage-budgets.js';
import { TollgateError } from '../../src/core/errors.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { daysFrom, ingestFixture, weeklyCost } from './cost-fixture.js';

const dir = makeTempDir();
const db = join(dir, 'budgets.duckdb');
const tollgate = (...args: string[]) => runCli(['--db', db, ...args]);

async function listBudgets(): Promise<unknown[]> {
  const result = await tollgate('budgets', 'list', '--json');
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

async function expectRefusal(args: string[], code: number, errorCode: string, pattern: RegExp) {
  const before = await snapshotDatabase(db);
  const result = await tollgate(...args);
  assert.equal(result.code, code, result.stdout + result.stderr);
  // Usage errors found by the option parser carry no code, only the message.
  if (errorCode !== '') assert.match(result.stderr, new RegExp(`error \\[${errorCode}\\]`));
  assert.match(result.stderr, pattern);
  assert.deepEqual(await snapshotDatabase(db), before, 'nothing written');
}

describe('tollgate budgets', () => {
  before(async () => {
    // Jan 1 to May 19 2026: payments ~100 a weekday with a 500 support fee on each 1st,
    // search ~40 a weekday; a tiny EUR account on its own tag.
    const lines = daysFrom('2026-01-01', 139).flatMap((day) => [
      { day, cost: weeklyCost(day, 100), team: 'payments' },
      { day, cost: weeklyCost(day, 40), team: 'search', service: 'Amazon Simple Storage Service' },
      { day, cost: '1.5', team: 'eu-analytics', currency: 'EUR' },
      ...(day.endsWith('-01')
        ? [{ day, cost: '500', team: 'payments', service: 'AWS Support', frequency: 'Recurring' as const }]
        : []),
    ]);
    await ingestFixture(db, dir, 'costs.csv', lines);
  });

  it('sets, lists and shows a budget with actual, forecast, interval, variance, days left and required rate', async () => {
    const set = await tollgate(
      'budgets',
      'set',
      'payments',
      '--scope',
      'tag:team=payments',
      '--amount',
      '3000.50',
      '--currency',
      'USD',
      '--json',
    );
    assert.equal(set.code, 0, set.stderr);
    assert.equal(JSON.parse(set.stdout).action, 'created');
    assert.deepEqual(await listBudgets(), [
      {
        name: 'payments',
        scope: ['tag:team=payments'],
        period: 'month',
        fiscalYearStartMonth: 1,
        amount: '3000.5',
        currency: 'USD',
        metric: 'effective',
        class: 'opex',
        thresholds: ['actual:50', 'forecast:80', 'forecast:100'],
        burnRate: { pageFastBurn: 3, pageSlowBurn: 1.1, ticketSlowBurn: 1.2, ticketMinElapsedDays: 5 },
      },
    ]);
    const show = await tollgate('budgets', 'show', 'payments', '--as-of', '2026-05-20', '--json');
    assert.equal(show.code, 0, show.stderr);
    const status = JSON.parse(show.stdout);
    assert.equal(status.period.label, '2026-05');
    assert.equal(status.dataThrough, '2026-05-19');
    assert.equal(status.daysElapsed, 19);
    assert.equal(status.daysLeft, 12);
    // Actual is the exact sum of the fixture's May days (fee included).
    const expected = daysFrom('2026-05-01', 19).reduce((sum, day) => sum + Number(weeklyCost(day, 100)), 500);
    assert.ok(Math.abs(Number(status.actual) - expected) < 1e-9, `${status.actual} vs ${expected}`);
    const total = Number(status.forecastTotal);
    assert.ok(
      total > Number(status.actual) + 12 * 55 && total < Number(status.actual) + 12 * 110,
      `forecast ${total}`,
    );
    assert.ok(Number(status.forecastInterval.lo95) <= total && total <= Number(status.forecastInterval.hi95));
    assert.equal(status.varianceVsBudget, (total - 3000.5).toFixed(2));
    assert.equal(status.requiredDailyRate, ((3000.5 - Number(status.actual)) / 12).toFixed(2));
    assert.match(status.intervalSource, /backtest/);
    const text = await tollgate('budgets', 'show', 'payments', '--as-of', '2026-05-20');
    assert.match(text.stdout, /days left/);
    assert.match(text.stdout, /needed to land on budget/);
  });

  it('takes burn-rate thresholds per budget, and refuses a bad one', async () => {
    const set = await tollgate(
      'budgets',
      'set',
      'search-burn',
      '--scope',
      'tag:team=search',
      '--amount',
      '900',
      '--currency',
      'USD',
      '--page-fast-burn',
      '5',
      '--ticket-slow-burn',
      '1.5',
      '--json',
    );
    assert.equal(set.code, 0, set.stderr);
    assert.deepEqual(JSON.parse(set.stdout).budget.burnRate, {
      pageFastBurn: 5,
      pageSlowBurn: 1.1,
      ticketSlowBurn: 1.5,
      ticketMinElapsedDays: 5,
    });
    await expectRefusal(
      [
        'budgets',
        'set',
        'search-burn',
        '--scope',
        'tag:team=search',
        '--amount',
        '900',
        '--currency',
        'USD',
        '--page-fast-burn',
        '0',
      ],
      2,
      '',
      /burn rate greater than 0/,
    );
    assert.equal((await tollgate('budgets', 'remove', 'search-burn')).code, 0);
  });

  it('applies a YAML file of budgets all or nothing, with quarters of a fiscal year', async () => {
    const good = join(dir, 'budgets.yaml');
    writeFileSync(
      good,
      [
        'budgets:',
        '  - name: search-q',
        '    scope: [tag:team=search, service=Amazon Simple Storage Service]',
        '    period: quarter',
        '    fiscalYearStartMonth: 4',
        '    amount: "9000"',
        '    currency: USD',
        '    class: capex',
        '    thresholds: [actual:50, forecast:90]',
        '  - name: payments',
        '    scope: tag:team=payments',
        '    amount: 3200',
        '    currency: USD',
      ].join('\n'),
    );
    const applied = await tollgate('budgets', 'apply', good, '--json');
    assert.equal(applied.code, 0, applied.stderr);
    assert.deepEqual(JSON.parse(applied.stdout), [
      { name: 'search-q', action: 'created', version: 1 },
      { name: 'payments', action: 'updated', version: 2 },
    ]);
    const show = JSON.parse(
      (await tollgate('budgets', 'show', 'search-q', '--as-of', '2026-05-20', '--json')).stdout,
    );
    assert.equal(show.period.label, 'FY2027-Q1');
    assert.equal(show.period.start, '2026-04-01');

    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      [
        'budgets:',
        '  - {name: fresh, scope: tag:team=search, amount: 10, currency: USD}',
        '  - {name: broken, scope: tag:team=search, amount: -10, currency: USD}',
      ].join('\n'),
    );
    await expectRefusal(
      ['budgets', 'apply', bad],
      1,
      'BUDGET_INVALID',
      /budgets\[1\]: amount -10 must be greater than zero/,
    );
    writeFileSync(bad, 'budgets: [');
    await expectRefusal(['budgets', 'apply', bad], 1, 'BUDGET_FILE_INVALID', /Cannot read .* as YAML/);
    writeFileSync(bad, 'something: else\n');
    await expectRefusal(['budgets', 'apply', bad], 1, 'BUDGET_FILE_INVALID', /top-level "budgets:" list/);
  });

  it('refuses bad budgets with a clear message, the right exit code, and writes nothing', async () => {
    const set = (...extra: string[]) => [
      'budgets',
      'set',
      'x',
      '--scope',
      'tag:team=search',
      '--currency',
      'USD',
      ...extra,
    ];
    await expectRefusal(set('--amount', '-100'), 1, 'BUDGET_INVALID', /greater than zero/);
    await expectRefusal(
      ['budgets', 'set', 'x', '--scope', 'planet=mars', '--amount', '10', '--currency', 'USD'],
      2,
      'BUDGET_UNKNOWN_SCOPE',
      /Unknown dimension 'planet'/,
    );
    // The same use case in-process (faster than a process per case), against the same file.
    const refusals: [Record<string, unknown>, string, RegExp][] = [
      [{ amount: '0' }, 'BUDGET_INVALID', /greater than zero/],
      [
        { scope: 'tag:team=nobody' },
        'BUDGET_UNKNOWN_SCOPE',
        /no cost lines match its scope \(tag:team=nobody\)/,
      ],
      [
        { scope: 'tag:team=eu-analytics' },
        'BUDGET_CURRENCY_MISMATCH',
        /in EUR, and there is no exchange rate from EUR to USD/,
      ],
      [
        { scope: 'owner:team=payments' },
        'BUDGET_UNKNOWN_SCOPE',
        /\(team=payments\)\. Owner scopes match allocated lines: .*run the allocation/,
      ],
      [{ scope: 'owner:team=payments', metric: 'list' }, 'BUDGET_INVALID', /billed and effective cost only/],
      [{ thresholds: ['sometimes:5'] }, 'BUDGET_INVALID', /basis:percent/],
    ];
    const before = await snapshotDatabase(db);
    const stores = await openDuckDbStores({ path: db, memoryLimit: '256MB', threads: 1 });
    try {
      for (const [change, code, pattern] of refusals) {
        await assert.rejects(
          setBudget(stores, {
            name: 'x',
            scope: 'tag:team=search',
            amount: '10',
            currency: 'USD',
            ...change,
          }),
          (error: unknown) =>
            error instanceof TollgateError && error.code === code && pattern.test(error.message),
          JSON.stringify(change),
        );
      }
    } finally {
      await stores.close();
    }
    assert.deepEqual(await snapshotDatabase(db), before, 'nothing written');
  });

  it('says so when a period has no data, and forecasts a period not started from history', async () => {
    const far = await tollgate('budgets', 'show', 'payments', '--as-of', '2027-06-15');
    assert.equal(far.code, 1);
    assert.match(far.stderr, /error \[BUDGET_NO_DATA\]: Budget payments: no cost lines for its scope/);
    const next = await tollgate('budgets', 'show', 'payments', '--as-of', '2026-06-10', '--json');
    assert.equal(next.code, 0, next.stderr);
    const status = JSON.parse(next.stdout);
    assert.equal(status.actual, '0');
    assert.match(status.warnings.join(' '), /no cost lines in 2026-06 yet/);
    assert.ok(Number(status.forecastTotal) > 500, 'the June fee and usage are forecast');
  });

  it('removes a budget, and refuses an unknown one', async () => {
    const removed = await tollgate('budgets', 'remove', 'search-q');
    assert.equal(removed.code, 0, removed.stderr);
    assert.deepEqual(
      (await listBudgets()).map((b) => (b as { name: string }).name),
      ['payments'],
    );
    await expectRefusal(['budgets', 'remove', 'nope'], 1, 'BUDGET_NOT_FOUND', /No budget named 'nope'/);
    await expectRefusal(['budgets', 'show', 'nope'], 1, 'BUDGET_NOT_FOUND', /budgets list shows/);
  });
});
