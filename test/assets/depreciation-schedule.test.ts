import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Asset } from '../../src/core/assets/asset-model.js';
import { monthIndex, monthLabel } from '../../src/core/assets/calendar-months.js';
import { buildDepreciationSchedule, totalWrittenDown } from '../../src/core/assets/depreciation-schedule.js';
import { Decimal } from '../../src/core/money.js';
import { serverAsset } from './asset-fixture.js';

describe('depreciation schedules', () => {
  it('straight line, full month: 36 equal months of (36000 - 1200) / 36 from the in-service month', () => {
    const schedule = buildDepreciationSchedule(serverAsset());
    assert.equal(schedule.length, 36);
    assert.equal(schedule[0]?.month, '2026-01');
    assert.equal(schedule.at(-1)?.month, '2028-12');
    // Each month spreads what is left over the months to come, so rounding never drifts past a cent.
    const exact = new Decimal(34800).div(36);
    assert.ok(schedule.every((month) => exact.minus(month.depreciation).abs().lt('0.01')));
    assert.equal(schedule.at(-1)?.bookValue, '1200');
    assert.equal(totalWrittenDown(schedule).toFixed(), '34800');
  });

  it('half month: half in the first month, the other half in a 37th month', () => {
    const schedule = buildDepreciationSchedule(serverAsset({ convention: 'half-month' }));
    assert.equal(schedule.length, 37);
    assert.equal(schedule[0]?.depreciation, '483.33');
    assert.equal(schedule.at(-1)?.month, '2029-01');
    assert.equal(totalWrittenDown(schedule).toFixed(), '34800');
  });

  it('daily: the 17 days left of January (of 31), the rest in the month after the life ends', () => {
    const schedule = buildDepreciationSchedule(serverAsset({ convention: 'daily' }));
    assert.equal(schedule.length, 37);
    // 34800 / 36 x 17/31 = 530.107...
    assert.equal(schedule[0]?.depreciation, '530.11');
    assert.equal(totalWrittenDown(schedule).toFixed(), '34800');
    const onTheFirst = buildDepreciationSchedule(
      serverAsset({ convention: 'daily', inServiceOn: '2026-02-01' }),
    );
    assert.equal(onTheFirst.length, 36, 'a whole first month needs no extra month');
  });

  it('double declining: 2/life of the book value a month, switching to straight line when that is larger', () => {
    const schedule = buildDepreciationSchedule(serverAsset({ method: 'double-declining' }));
    assert.equal(schedule[0]?.depreciation, '2000', '36000 x 2/36');
    assert.equal(schedule[1]?.depreciation, '1888.89', '34000 x 2/36');
    const amounts = schedule.map((month) => new Decimal(month.depreciation));
    assert.ok(
      amounts.slice(0, 10).every((amount, i) => i === 0 || amount.lte(amounts[i - 1]!)),
      'declines first',
    );
    const tail = amounts.slice(-5);
    assert.ok(
      tail.every((amount) => amount.minus(tail[0]!).abs().lte('0.01')),
      'straight line at the end',
    );
    assert.equal(totalWrittenDown(schedule).toFixed(), '34800');
  });

  it('an impairment lowers the book in its month and the later months re-spread the rest', () => {
    const schedule = buildDepreciationSchedule(
      serverAsset({ impairments: [{ on: '2026-06-30', amount: '5000' }] }),
    );
    const june = schedule.find((month) => month.month === '2026-06')!;
    assert.equal(june.impairment, '5000');
    const may = schedule.find((month) => month.month === '2026-05')!;
    assert.equal(
      new Decimal(june.bookValue).toFixed(),
      new Decimal(may.bookValue).minus(june.depreciation).minus(5000).toFixed(),
    );
    assert.ok(new Decimal(schedule.find((month) => month.month === '2026-07')!.depreciation).lt('966.67'));
    assert.equal(totalWrittenDown(schedule).toFixed(), '34800');
  });

  it('an early disposal writes off the book above salvage in its month and ends the schedule', () => {
    const schedule = buildDepreciationSchedule(
      serverAsset({ status: 'disposed', retiredOn: '2027-03-01', disposedOn: '2027-03-20' }),
    );
    assert.equal(schedule.at(-1)?.month, '2027-03');
    assert.equal(schedule.at(-1)?.depreciation, '0');
    const february = schedule.at(-2)!;
    assert.equal(february.month, '2027-02');
    assert.equal(schedule.at(-1)?.writeOff, new Decimal(february.bookValue).minus(1200).toFixed());
    assert.ok(new Decimal(schedule.at(-1)!.writeOff).gt(20000));
    assert.equal(schedule.at(-1)?.bookValue, '1200');
    assert.equal(totalWrittenDown(schedule).toFixed(), '34800');
  });

  it('an asset not yet in service has no schedule', () => {
    assert.deepEqual(buildDepreciationSchedule(serverAsset({ inServiceOn: null, status: 'ordered' })), []);
  });
});

/** Random assets: cost and salvage to the cent, any life, method, convention, impairment and disposal. */
const randomAsset = fc
  .record({
    cents: fc.bigInt({ min: 1n, max: 10n ** 11n }),
    salvageShare: fc.integer({ min: 0, max: 100 }),
    life: fc.integer({ min: 1, max: 120 }),
    method: fc.constantFrom('straight-line' as const, 'double-declining' as const),
    convention: fc.constantFrom('full-month' as const, 'half-month' as const, 'daily' as const),
    start: fc.date({
      min: new Date('2015-01-01T00:00:00Z'),
      max: new Date('2035-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    disposeAfter: fc.option(fc.integer({ min: 0, max: 130 })),
    impairAfter: fc.option(fc.integer({ min: 0, max: 119 })),
    impairShare: fc.integer({ min: 1, max: 100 }),
  })
  .map((draw): Asset => {
    const cost = new Decimal(draw.cents.toString()).div(100);
    const salvage = cost.times(draw.salvageShare).div(100).toDecimalPlaces(2, Decimal.ROUND_DOWN);
    const inServiceOn = draw.start.toISOString().slice(0, 10);
    const start = monthIndex(inServiceOn);
    const disposedOn = draw.disposeAfter === null ? null : `${monthLabel(start + draw.disposeAfter)}-28`;
    return serverAsset({
      acquiredOn: inServiceOn,
      inServiceOn,
      acquisitionCost: cost.toFixed(),
      salvageValue: salvage.toFixed(),
      usefulLifeMonths: draw.life,
      method: draw.method,
      convention: draw.convention,
      disposedOn: disposedOn !== null && disposedOn < inServiceOn ? inServiceOn : disposedOn,
      status: disposedOn === null ? 'in-service' : 'disposed',
      impairments: [],
    });
  });

describe('depreciation schedules, property-tested', () => {
  it('the months always sum exactly to cost minus salvage, never below zero or below salvage', () => {
    fc.assert(
      fc.property(randomAsset, (asset) => {
        const schedule = buildDepreciationSchedule(asset);
        const base = new Decimal(asset.acquisitionCost).minus(asset.salvageValue);
        assert.equal(totalWrittenDown(schedule).toFixed(), base.toFixed());
        for (const month of schedule) {
          for (const amount of [month.depreciation, month.impairment, month.writeOff])
            assert.ok(!new Decimal(amount).isNegative(), `${month.month} ${amount}`);
          assert.ok(new Decimal(month.bookValue).gte(asset.salvageValue), `${month.month} below salvage`);
          assert.ok(new Decimal(month.depreciation).decimalPlaces() <= 2 || month === schedule.at(-1));
        }
        const months = schedule.map((month) => monthIndex(month.month));
        assert.deepEqual(
          months,
          [...months].sort((a, b) => a - b),
          'months in order, once each',
        );
        assert.equal(new Set(months).size, months.length);
        if (asset.disposedOn === null && schedule.length > 0) {
          const extra = schedule.length - asset.usefulLifeMonths;
          assert.ok(
            extra === 0 || extra === 1,
            `${schedule.length} months for a life of ${asset.usefulLifeMonths}`,
          );
        }
      }),
      { numRuns: 400 },
    );
  });

  it('an impairment within the life keeps the sum exact, or is refused when larger than the book above salvage', () => {
    fc.assert(
      fc.property(
        randomAsset,
        fc.integer({ min: 0, max: 119 }),
        fc.integer({ min: 1, max: 150 }),
        (asset, after, share) => {
          const plain = buildDepreciationSchedule(asset);
          const index = Math.min(after, plain.length - 1);
          if (index < 0 || plain[index]!.writeOff !== '0') return;
          const month = plain[index]!;
          const room = new Decimal(month.bookValue).minus(asset.salvageValue);
          const amount =
            share > 100
              ? room.plus('0.01')
              : room.times(share).div(100).toDecimalPlaces(2, Decimal.ROUND_DOWN);
          if (amount.lte(0)) return;
          const impaired = { ...asset, impairments: [{ on: `${month.month}-01`, amount: amount.toFixed() }] };
          if (impaired.impairments[0]!.on < impaired.inServiceOn!)
            impaired.impairments[0]!.on = impaired.inServiceOn!;
          if (share > 100) {
            assert.throws(
              () => buildDepreciationSchedule(impaired),
              /ASSET_IMPAIRMENT_TOO_LARGE|more than its book value/,
            );
            return;
          }
          const schedule = buildDepreciationSchedule(impaired);
          assert.equal(
            totalWrittenDown(schedule).toFixed(),
            new Decimal(asset.acquisitionCost).minus(asset.salvageValue).toFixed(),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
