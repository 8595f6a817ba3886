import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CostForecast } from '../../src/core/forecast/forecast-cost-series.js';
import {
  FORECAST_SCALE,
  forecastAmount,
  sumForecastDays,
  toMoneyForecast,
} from '../../src/core/forecast/forecast-money.js';
import { Decimal } from '../../src/core/money.js';
import { expectRefusal } from '../support/expect-refusal.js';

/** A model's answer as forecastCostSeries builds it: each bound is the usage bound plus the fee. */
function modelForecast(days: { usage: number; spread: number; fee: number }[]): CostForecast {
  return {
    firstForecastDay: '2026-01-01',
    method: 'seasonal-naive',
    reason: 'test',
    backtest: [],
    intervalSource: 'test',
    warnings: [],
    calendarCharges: [
      { billedAs: 'one-time', slot: 1, amount: 1 / 3, months: 3, description: 'a third every month' },
    ],
    days: days.map(({ usage, spread, fee }, index) => ({
      date: `2026-01-${String(index + 1).padStart(2, '0')}`,
      point: usage + fee,
      lo80: usage - spread + fee,
      hi80: usage + spread + fee,
      lo95: usage - 2 * spread + fee,
      hi95: usage + 2 * spread + fee,
      usage,
      recurring: fee,
    })),
  };
}

const amount = fc.double({ min: -1e7, max: 1e9, noNaN: true, noDefaultInfinity: true });

describe('forecast money: exact decimal text at a stated scale', () => {
  it('splits every day exactly into usage and recurring, keeps its bounds in order, and sums exactly', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ usage: amount, spread: fc.double({ min: 0, max: 1e6, noNaN: true }), fee: amount }),
          { minLength: 1, maxLength: 31 },
        ),
        (days) => {
          const money = toMoneyForecast(modelForecast(days));
          let total = new Decimal(0);
          for (const day of money.days) {
            for (const figure of [day.point, day.usage, day.recurring, day.lo80, day.hi95])
              assert.match(figure, new RegExp(`^-?\\d+\\.\\d{${FORECAST_SCALE}}$`));
            assert.equal(new Decimal(day.usage).plus(day.recurring).toFixed(FORECAST_SCALE), day.point);
            assert.ok(new Decimal(day.lo95).lte(day.lo80) && new Decimal(day.lo80).lte(day.point));
            assert.ok(new Decimal(day.point).lte(day.hi80) && new Decimal(day.hi80).lte(day.hi95));
            total = total.plus(day.point);
          }
          assert.equal(sumForecastDays(money.days, 'point').toFixed(), total.toFixed());
          assert.equal(
            sumForecastDays(money.days, 'point').toFixed(),
            sumForecastDays(money.days, 'usage').plus(sumForecastDays(money.days, 'recurring')).toFixed(),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the bounds around the point when a large recurring part blurs the last decimal', () => {
    // Found by the property above: 0.000609457… + 536870915.738303… taken apart again in floating
    // point put lo80 one unit of the sixth decimal above the point.
    const [day] = toMoneyForecast(
      modelForecast([{ usage: 0.0006094574928283691, spread: 0, fee: 536870915.7383031 }]),
    ).days;
    assert.ok(new Decimal(day!.lo95).lte(day!.lo80) && new Decimal(day!.lo80).lte(day!.point));
    assert.ok(new Decimal(day!.point).lte(day!.hi80) && new Decimal(day!.hi80).lte(day!.hi95));
  });

  it('gives calendar charges as money text too', () => {
    const money = toMoneyForecast(modelForecast([{ usage: 1, spread: 0, fee: 0 }]));
    assert.equal(money.calendarCharges[0]!.amount, '0.333333');
    assert.equal(forecastAmount(0.1 + 0.2).toFixed(), '0.3');
  });

  it('refuses a model value that is not a number instead of showing 0', async () => {
    for (const broken of [Number.NaN, Number.POSITIVE_INFINITY]) {
      await expectRefusal(
        async () => toMoneyForecast(modelForecast([{ usage: broken, spread: 0, fee: 0 }])),
        'FORECAST_NOT_FINITE',
        'internal',
        /not shown as 0/,
      );
    }
  });
});
