import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forecastCalendarCharges, splitCalendarCharges } from '../../src/core/forecast/calendar-charges.js';
import { addDays, dayOfMonth, daysInMonth } from '../../src/core/forecast/day-dates.js';
import { forecastCostSeries } from '../../src/core/forecast/forecast-cost-series.js';
import {
  drawForecastShape,
  generateForecastSeries,
} from '../../src/core/forecast/generated-forecast-series.js';
import { normalDraw, seededRandom } from '../../src/core/forecast/robust-stats.js';

const FIRST = '2025-01-01';

function isMonthEnd(day: string): boolean {
  return dayOfMonth(day) === daysInMonth(Number(day.slice(0, 4)), Number(day.slice(5, 7)));
}

/** Weekly usage with noise, and whatever `extra` adds on a day. */
function dailySeries(days: number, extra: (day: string, t: number) => number, seed = 3): number[] {
  const random = seededRandom(seed);
  const week = [100, 104, 103, 101, 98, 45, 40];
  return Array.from({ length: days }, (_, t) => {
    const day = addDays(FIRST, t);
    return week[t % 7]! * Math.exp(0.03 * normalDraw(random)) + extra(day, t);
  });
}

describe('calendar charges found in the history', () => {
  it('finds a month-end tax billed as one-time and forecasts it on every month end, February included', () => {
    const days = 120; // 2025-01-01 .. 2025-04-30
    const usage = dailySeries(days, () => 0);
    const oneTime = Array.from({ length: days }, (_, t) => (isMonthEnd(addDays(FIRST, t)) ? 500 + t : 0));
    // A one-off purchase on 2025-02-10: never repeated.
    oneTime[40] = 9000;
    const result = forecastCostSeries(
      { firstDay: FIRST, usage, recurring: new Array(days).fill(0), oneTime },
      61,
    );
    assert.equal(result.firstForecastDay, '2025-05-01');
    assert.equal(result.calendarCharges.length, 1);
    const charge = result.calendarCharges[0]!;
    assert.equal(charge.billedAs, 'one-time');
    assert.equal(charge.slot, 'last');
    assert.equal(charge.months, 4);
    assert.equal(charge.amount, 500 + 119); // the latest month's tax
    assert.match(charge.description, /last day of each month.*forecast as recurring/);
    const fees = result.days.filter((day) => day.recurring !== 0);
    assert.deepEqual(
      fees.map((day) => day.date),
      ['2025-05-31', '2025-06-30'],
    );
    for (const day of fees) assert.ok(day.point > 619 && day.lo80 >= 619, JSON.stringify(day));
  });

  it('finds a licence billed as usage on the 5th and keeps it out of the model’s history', () => {
    const days = 150;
    const usage = dailySeries(days, (day) => (dayOfMonth(day) === 5 ? 2000 : 0));
    const result = forecastCostSeries(
      { firstDay: FIRST, usage, recurring: new Array(days).fill(0), oneTime: new Array(days).fill(0) },
      40,
    );
    assert.deepEqual(
      result.calendarCharges.map((c) => [c.billedAs, c.slot]),
      [['usage', 5]],
    );
    const fifth = result.days.find((day) => day.date === '2025-06-05')!;
    assert.ok(Math.abs(fifth.recurring - 2000) < 30, String(fifth.recurring));
    // Without the spikes in its history, the model's usage stays at the weekly level.
    for (const day of result.days) assert.ok(day.usage < 130, `${day.date}: ${day.usage}`);
  });

  it('does not forecast a charge that stopped, nor one seen only twice', () => {
    const days = 151; // to 2025-05-31
    const stopped = dailySeries(days, (day, t) => (dayOfMonth(day) === 1 && t < 100 ? 800 : 0));
    assert.deepEqual(splitCalendarCharges(FIRST, stopped).charges, []);
    const twice = dailySeries(days, (day, t) => (dayOfMonth(day) === 1 && t > 100 ? 800 : 0));
    assert.deepEqual(splitCalendarCharges(FIRST, twice).charges, []);
    const flipping = dailySeries(days, (day, t) => (dayOfMonth(day) === 1 ? (t % 2 ? 800 : -800) : 0));
    assert.ok(splitCalendarCharges(FIRST, flipping).charges.every((c) => c.months < 3 || c.slot !== 1));
  });

  it('finds nothing in series without calendar charges (trend, seasonality, shifts)', () => {
    const random = seededRandom(11);
    let found = 0;
    for (let i = 0; i < 60; i++) {
      const shape = { ...drawForecastShape(random, 210), fee: null, monthEndTaxRate: 0 };
      const series = generateForecastSeries(shape, FIRST, 210, random);
      found += splitCalendarCharges(FIRST, series.total).charges.length;
    }
    assert.equal(found, 0);
  });

  it('finds the generated fees and taxes, and the split parts add back to the series', () => {
    const random = seededRandom(5);
    let withCharges = 0;
    let foundAll = 0;
    for (let i = 0; i < 60; i++) {
      const series = generateForecastSeries(drawForecastShape(random, 210), FIRST, 210, random);
      const split = splitCalendarCharges(FIRST, series.total);
      split.base.forEach((value, t) => {
        assert.ok(Math.abs(value + split.calendar[t]! - series.total[t]!) < 1e-9);
      });
      const { fee, monthEndTaxRate } = series.shape;
      if (!fee && monthEndTaxRate === 0) continue;
      withCharges += 1;
      const slots = new Set(split.charges.map((c) => c.slot));
      if (
        (!fee || slots.has(fee.dayOfMonth) || (fee.dayOfMonth === 28 && slots.has('last'))) &&
        (monthEndTaxRate === 0 || slots.has('last'))
      )
        foundAll += 1;
    }
    assert.ok(withCharges > 30);
    assert.ok(foundAll / withCharges >= 0.9, `${foundAll} of ${withCharges}`);
  });

  it('repeats each slot’s latest amount on its future days', () => {
    const out = forecastCalendarCharges(
      '2025-01-01',
      59,
      [
        { slot: 'last', latest: 10, months: 3 },
        { slot: 1, latest: 7, months: 3 },
      ],
      31,
    );
    // 2025-03-01 .. 2025-03-31
    assert.equal(out[0], 7);
    assert.equal(out[30], 10);
    assert.equal(out.filter((v) => v !== 0).length, 2);
  });
});

describe('forecast intervals hold on held-out days', () => {
  it('covers generated series near the nominal 80% and 95%', () => {
    const random = seededRandom(21);
    let points = 0;
    let in80 = 0;
    let in95 = 0;
    for (let i = 0; i < 40; i++) {
      const series = generateForecastSeries(drawForecastShape(random, 238), FIRST, 238, random);
      const n = 210;
      const zeros = new Array<number>(n).fill(0);
      const forecast = forecastCostSeries(
        { firstDay: FIRST, usage: series.total.slice(0, n), recurring: zeros, oneTime: zeros },
        28,
      );
      forecast.days.forEach((day, lead) => {
        const actual = series.total[n + lead]!;
        points += 1;
        if (actual >= day.lo80 && actual <= day.hi80) in80 += 1;
        if (actual >= day.lo95 && actual <= day.hi95) in95 += 1;
      });
    }
    assert.ok(Math.abs(in80 / points - 0.8) <= 0.07, `80%: ${in80 / points}`);
    assert.ok(Math.abs(in95 / points - 0.95) <= 0.05, `95%: ${in95 / points}`);
  });
});
