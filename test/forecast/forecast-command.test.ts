import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { Decimal } from '../../src/core/money.js';
import { daysFrom, ingestFixture, weeklyCost } from '../budgets/cost-fixture.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const BOUNDS = ['lo80', 'hi80', 'lo95', 'hi95'] as const;
type Bound = (typeof BOUNDS)[number];

const dir = makeTempDir();
const db = join(dir, 'forecast.duckdb');
const tollgate = (...args: string[]) => runCli(['--db', db, ...args]);

describe('tollgate forecast', () => {
  before(async () => {
    const lines = daysFrom('2026-01-01', 139).flatMap((day) => [
      { day, cost: weeklyCost(day, 100), team: 'payments' },
      { day, cost: weeklyCost(day, 40), team: 'search', service: 'Amazon Simple Storage Service' },
      ...(day.endsWith('-01')
        ? [{ day, cost: '500', team: 'payments', service: 'AWS Support', frequency: 'Recurring' as const }]
        : []),
      ...(day >= '2026-05-10' ? [{ day, cost: '7', team: 'newbie' }] : []),
    ]);
    await ingestFixture(db, dir, 'costs.csv', lines);
  });

  it('forecasts per tag value for 90 days with the chosen method, its MASE and both intervals', async () => {
    const result = await tollgate('forecast', '--by', 'tag:team', '--horizon', '90d', '--json');
    assert.equal(result.code, 0, result.stderr);
    const answer = JSON.parse(result.stdout);
    assert.equal(answer.horizonDays, 90);
    const byTeam = Object.fromEntries(answer.forecasts.map((f: { group: string }) => [f.group, f]));
    assert.deepEqual(Object.keys(byTeam).sort(), ['newbie', 'payments', 'search']);
    const payments = byTeam.payments;
    assert.equal(payments.firstDay, '2026-05-20');
    assert.equal(payments.backtest.length, 3);
    assert.equal(payments.backtest[0].method, payments.method);
    assert.ok(payments.backtest.every((b: { mase: number }) => b.mase > 0));
    assert.match(payments.intervalSource, /rolling-origin backtest errors/);
    const total = Number(payments.total.point);
    // About 90 days of ~88 a day plus the June, July and August support fees.
    assert.ok(total > 90 * 70 + 1500 && total < 90 * 105 + 1500, `total ${total}`);
    assert.ok(Number(payments.total.lo95) <= Number(payments.total.lo80));
    assert.ok(Number(payments.total.hi80) <= Number(payments.total.hi95));
    assert.ok(payments.snapshotId > 0, 'stored as a snapshot');
    // A scope with 10 days of history says so and falls back to seasonal-naive.
    assert.equal(byTeam.newbie.method, 'seasonal-naive');
    assert.match(
      byTeam.newbie.warnings[0],
      /too short to backtest \(10 days, need 56\); fell back to the seasonal-naive baseline/,
    );
    const text = await tollgate('forecast', '--by', 'tag:team', '--horizon', '30d', '--no-save');
    assert.match(text.stdout, /note \(newbie\): series too short/);
  });

  it('keeps a monthly fee on the first of the month instead of smearing it', async () => {
    const result = await tollgate(
      'forecast',
      '--filter',
      'tag:team=payments',
      '--horizon',
      '20d',
      '--daily',
      '--json',
      '--no-save',
    );
    const forecast = JSON.parse(result.stdout).forecasts[0];
    const days = forecast.days as Record<'date' | 'point' | 'usage' | 'recurring' | Bound, string>[];
    const june1 = days.find((d) => d.date === '2026-06-01')!;
    assert.equal(june1.recurring, '500.000000');
    assert.ok(
      days
        .filter((d) => d.date !== '2026-06-01')
        .every((d) => d.recurring === '0.000000' && Number(d.point) < 150),
    );
    // Exact money at the stated scale: a day is its usage plus its recurring part, and the
    // horizon's totals are the days' own figures added up, to the last decimal.
    for (const day of days) {
      for (const bound of ['point', 'usage', 'recurring', ...BOUNDS] as const)
        assert.match(day[bound], /^-?\d+\.\d{6}$/, `${day.date} ${bound}: ${day[bound]}`);
      assert.equal(new Decimal(day.usage).plus(day.recurring).toFixed(6), day.point);
      assert.ok(new Decimal(day.lo95).lte(day.lo80) && new Decimal(day.lo80).lte(day.point));
      assert.ok(new Decimal(day.point).lte(day.hi80) && new Decimal(day.hi80).lte(day.hi95));
    }
    for (const bound of ['point', ...BOUNDS] as const)
      assert.equal(
        days.reduce((sum, day) => sum.plus(day[bound]), new Decimal(0)).toFixed(),
        new Decimal(forecast.total[bound]).toFixed(),
        `total ${bound}`,
      );
  });

  it('scores stored forecasts against the actuals that arrived: MAPE and accuracy per scope and horizon', async () => {
    const made = await tollgate(
      'forecast',
      '--filter',
      'tag:team=search',
      '--as-of',
      '2026-04-01',
      '--horizon',
      '30d',
      '--json',
    );
    assert.equal(made.code, 0, made.stderr);
    const result = await tollgate('forecast', 'accuracy', '--json');
    assert.equal(result.code, 0, result.stderr);
    const rows = JSON.parse(result.stdout).filter(
      (r: { scopeKey: string }) => r.scopeKey === 'tag:team=search',
    );
    assert.deepEqual(
      rows.map((r: { horizonDays: number }) => r.horizonDays),
      [7, 30],
    );
    for (const row of rows) {
      assert.equal(row.snapshots, 1);
      assert.ok(row.mape >= 0 && row.mape < 0.1, `MAPE ${row.mape}`);
      assert.ok(row.accuracy > 0.9 && row.accuracy <= 1, `accuracy ${row.accuracy}`);
      const expected = 1 - Math.abs(Number(row.actual) - Number(row.forecast)) / Number(row.actual);
      assert.ok(Math.abs(row.accuracy - expected) < 1e-3);
    }
    const text = await tollgate('forecast', 'accuracy');
    assert.match(text.stdout, /MAPE/);
  });

  it('refuses a bad horizon, an empty scope and a time grouping, writing nothing', async () => {
    const cases: [string[], number, RegExp][] = [
      [['--horizon', '0d'], 2, /FORECAST_BAD_HORIZON.*1 to 366/],
      [['--horizon', 'soon'], 2, /FORECAST_BAD_HORIZON/],
      [['--filter', 'tag:team=ghosts'], 1, /FORECAST_NO_DATA.*No cost lines match tag:team=ghosts/],
      [['--by', 'day'], 2, /FORECAST_BAD_DIMENSION/],
      [['--as-of', '2026-13-01'], 2, /FORECAST_BAD_DATE/],
    ];
    for (const [args, code, pattern] of cases) {
      const before = await snapshotDatabase(db);
      const result = await tollgate('forecast', ...args);
      assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, pattern);
      assert.deepEqual(await snapshotDatabase(db), before);
    }
  });
});
