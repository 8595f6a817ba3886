import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forecastCostSeries } from '../../src/core/forecast/forecast-cost-series.js';
import { forecastSeries } from '../../src/core/forecast/forecast-series.js';
import { forecastHoltWinters } from '../../src/core/forecast/holt-winters.js';
import { forecastLinearTrend } from '../../src/core/forecast/linear-trend.js';
import { forecastRecurringCharges } from '../../src/core/forecast/recurring-charges.js';
import { normalDraw, seededRandom } from '../../src/core/forecast/robust-stats.js';
import { backtestOrigins, DEFAULT_BACKTEST } from '../../src/core/forecast/rolling-backtest.js';
import { forecastSeasonalNaive } from '../../src/core/forecast/seasonal-naive.js';

const WEEK = [100, 110, 105, 100, 95, 40, 30];

function trendingWeekly(days: number, growth: number, noise = 0, seed = 1): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: days }, (_, t) => WEEK[t % 7]! + growth * t + noise * normalDraw(random));
}

describe('forecast methods', () => {
  it('seasonal-naive repeats the last week, and the mean when shorter than a week', () => {
    assert.deepEqual(forecastSeasonalNaive([1, 2, 3, 4, 5, 6, 7, 8, 9], 8), [3, 4, 5, 6, 7, 8, 9, 3]);
    assert.deepEqual(forecastSeasonalNaive([2, 4], 2), [3, 3]);
    assert.deepEqual(forecastSeasonalNaive([], 2), [0, 0]);
  });

  it('linear trend recovers an exact line with weekly offsets', () => {
    const history = trendingWeekly(70, 2);
    const forecast = forecastLinearTrend(history, 14);
    forecast.forEach((value, step) => {
      const t = 70 + step;
      assert.ok(Math.abs(value - (WEEK[t % 7]! + 2 * t)) < 1e-6, `day ${t}: ${value}`);
    });
  });

  it('Holt-Winters follows a growing weekly series closely', () => {
    const history = trendingWeekly(84, 1);
    const forecast = forecastHoltWinters(history, 7);
    forecast.forEach((value, step) => {
      const t = 84 + step;
      assert.ok(Math.abs(value - (WEEK[t % 7]! + t)) < 8, `day ${t}: ${value}`);
    });
  });
});

describe('forecastSeries', () => {
  it('picks a method by backtest, beats seasonal-naive on a trend, and orders its intervals', () => {
    const history = trendingWeekly(180, 1.5, 3);
    const result = forecastSeries(history, 90);
    assert.notEqual(result.method, 'seasonal-naive');
    assert.equal(result.backtest[0]!.method, result.method);
    const naive = result.backtest.find((b) => b.method === 'seasonal-naive')!;
    assert.ok(result.backtest[0]!.mase < naive.mase);
    assert.match(result.reason, /MASE/);
    assert.match(result.intervalSource, /backtest errors/);
    for (const p of result.points) {
      assert.ok(
        p.lo95 <= p.lo80 && p.lo80 <= p.point && p.point <= p.hi80 && p.hi80 <= p.hi95,
        JSON.stringify(p),
      );
    }
    // Intervals widen past the backtested horizon.
    const width = (i: number) => result.points[i]!.hi95 - result.points[i]!.lo95;
    assert.ok(width(89) > width(27) * 1.5);
  });

  it('says so and falls back to seasonal-naive when the series is too short to backtest', () => {
    const result = forecastSeries([10, 12, 11, 13, 12, 5, 4, 11, 12], 10);
    assert.equal(result.method, 'seasonal-naive');
    assert.equal(result.backtest.length, 0);
    assert.match(result.warnings[0]!, /too short to backtest \(9 days/);
    assert.equal(result.points.length, 10);
    assert.equal(result.points[0]!.point, 11); // same weekday one week back
  });

  it('never forecasts negative cost', () => {
    const falling = Array.from({ length: 120 }, (_, t) => Math.max(0, 200 - 2 * t));
    for (const p of forecastSeries(falling, 60).points) assert.ok(p.lo95 >= 0 && p.point >= 0);
  });

  it('uses as many weekly origins as the history allows', () => {
    assert.deepEqual(backtestOrigins(56, DEFAULT_BACKTEST), [28]);
    assert.equal(backtestOrigins(55, DEFAULT_BACKTEST).length, 0);
    assert.equal(backtestOrigins(400, DEFAULT_BACKTEST).length, DEFAULT_BACKTEST.origins);
  });
});

describe('recurring charges', () => {
  it('keeps a first-of-month fee on the first instead of smearing it', () => {
    // 2026-01-01 .. 2026-02-28: a fee of 3000 on each first, usage 100 a day.
    const days = 59;
    const recurring = Array.from({ length: days }, (_, i) => (i === 0 || i === 31 ? 3000 : 0));
    const usage = Array.from({ length: days }, () => 100);
    const result = forecastCostSeries({ firstDay: '2026-01-01', usage, recurring, oneTime: [] }, 40);
    assert.equal(result.firstForecastDay, '2026-03-01');
    assert.equal(result.days[0]!.date, '2026-03-01');
    assert.equal(result.days[0]!.recurring, 3000);
    assert.equal(result.days[1]!.recurring, 0);
    assert.equal(result.days[31]!.date, '2026-04-01');
    assert.equal(result.days[31]!.recurring, 3000);
    assert.ok(Math.abs(result.days[0]!.point - 3100) < 1e-6);
    assert.ok(Math.abs(result.days[5]!.point - 100) < 1e-6);
  });

  it('maps a fee on the 31st to the last day of a shorter month', () => {
    const recurring = Array.from({ length: 31 }, (_, i) => (i === 30 ? 50 : 0));
    const forecast = forecastRecurringCharges('2026-03-01', recurring, 30);
    assert.equal(forecast[29], 50); // 2026-04-30
    assert.equal(forecast.filter((v) => v > 0).length, 1);
  });
});
