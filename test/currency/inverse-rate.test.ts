import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  convertStatementRows,
  type DatedStatementRow,
} from '../../src/core/allocation/convert-statement-rows.js';
import { buildTeamStatement } from '../../src/core/allocation/team-statement.js';
import { convertAmount } from '../../src/core/currency/convert-amount.js';
import { divideAmount, RateTable } from '../../src/core/currency/rate-table.js';
import { Decimal } from '../../src/core/money.js';

const scaled = (max: bigint, scale: number) =>
  fc
    .bigInt({ min: -max, max })
    .map((units) => new Decimal(units.toString()).dividedBy(new Decimal(10).pow(scale)));
const ULP = new Decimal('1e-16');

describe('the inverse direction: amount / rate, rounded half to even at 16 decimals', () => {
  it('is the exact quotient correctly rounded (checked by bracketing with multiplication)', () => {
    fc.assert(
      fc.property(
        scaled(10n ** 24n, 16),
        scaled(10n ** 12n, 8).map((rate) => rate.abs().plus('0.0001')),
        (amount, rate) => {
          const q = divideAmount(amount, rate);
          assert.ok(q.decimalPlaces() <= 16);
          // |q x rate - amount| <= rate x half a unit of the 16th decimal: q is the nearest.
          const error = q.times(rate).minus(amount).abs();
          assert.ok(error.lte(rate.times(ULP).dividedBy(2)), `${amount} / ${rate} gave ${q}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('breaks an exact half to even and rounds other quotients to the nearest', () => {
    // 0.00000000000000025 / 1 is exactly a half: to even (2).
    assert.equal(divideAmount('0.00000000000000025', '1').toFixed(), '0.0000000000000002');
    assert.equal(divideAmount('0.00000000000000035', '1').toFixed(), '0.0000000000000004');
    // 1 / 3 and 2 / 3 at 16 decimals.
    assert.equal(divideAmount('1', '3').toFixed(), '0.3333333333333333');
    assert.equal(divideAmount('-2', '3').toFixed(), '-0.6666666666666667');
    // 100 USD with the ECB's EUR->USD 1.0876: 91.9455682236116219...
    assert.equal(divideAmount('100', '1.0876').toFixed(), '91.9455682236116219');
  });

  it('uses the stored direction when it exists, the inverse only when it is the only one', () => {
    const both = new RateTable('EUR', [
      { date: '2026-01-10', from: 'USD', to: 'EUR', rate: '0.92' },
      { date: '2026-01-10', from: 'EUR', to: 'USD', rate: '1.0876' },
      { date: '2026-01-11', from: 'EUR', to: 'USD', rate: '1.0876' },
    ]);
    assert.equal(both.convert('100', 'USD', '2026-01-10')!.toFixed(), '92');
    assert.equal(both.convert('100', 'USD', '2026-01-11')!.toFixed(), '91.9455682236116219');
    assert.equal(both.convert('100', 'USD', '2026-01-12'), undefined);
    assert.equal(both.convert('100', 'GBP', '2026-01-10'), undefined);
    assert.equal(both.convert('7.5', 'EUR', '2026-01-12')!.toFixed(), '7.5');
    assert.equal(both.has('USD', '2026-01-11'), true);
    assert.equal(both.has('USD', '2026-01-12'), false);
  });
});

describe('a statement in one reporting currency', () => {
  const row = (over: Partial<DatedStatementRow>): DatedStatementRow => ({
    kind: 'direct',
    ruleId: null,
    method: null,
    driver: null,
    service: 'checkout',
    providerName: 'AWS',
    serviceName: 'EC2',
    chargeCategory: 'Usage',
    environment: null,
    currency: 'USD',
    day: '2026-01-10',
    billedCost: '100',
    effectiveCost: '90',
    ...over,
  });

  it("converts each charge day at its rate; the total is each billing currency's converted sum", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            currency: fc.constantFrom('USD', 'EUR', 'JPY'),
            day: fc.constantFrom('2026-01-10', '2026-01-11', '2026-01-12'),
            billed: scaled(10n ** 12n, 4),
            effective: scaled(10n ** 12n, 4),
            kind: fc.constantFrom('direct' as const, 'shared' as const),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (specs) => {
          const rates = new RateTable('EUR', [
            { date: '2026-01-10', from: 'USD', to: 'EUR', rate: '0.9213' },
            { date: '2026-01-11', from: 'EUR', to: 'USD', rate: '1.0876' },
            { date: '2026-01-12', from: 'EUR', to: 'USD', rate: '1.0901' },
            { date: '2026-01-10', from: 'EUR', to: 'JPY', rate: '161.23' },
            { date: '2026-01-11', from: 'EUR', to: 'JPY', rate: '160.5' },
            { date: '2026-01-12', from: 'JPY', to: 'EUR', rate: '0.0062' },
          ]);
          const rows = specs.map((spec) =>
            row({
              currency: spec.currency,
              day: spec.day,
              kind: spec.kind,
              ruleId: spec.kind === 'shared' ? 'support' : null,
              billedCost: spec.billed.toFixed(),
              effectiveCost: spec.effective.toFixed(),
            }),
          );
          const converted = convertStatementRows(rows, rates);
          assert.deepEqual(converted.missing, []);
          const [statement] = buildTeamStatement(converted.rows, 'full', '0');
          assert.equal(statement!.currency, 'EUR');
          const sum = (field: 'convertedBilledCost' | 'convertedEffectiveCost') =>
            converted.byCurrency.reduce((acc, c) => acc.plus(c[field]), new Decimal(0));
          assert.ok(sum('convertedEffectiveCost').equals(statement!.totals.total.effectiveCost));
          assert.ok(sum('convertedBilledCost').equals(statement!.totals.total.billedCost));
          // Independently: each row converted by the rule of its direction.
          for (const c of converted.byCurrency) {
            const mine = rows.filter((r) => r.currency === c.currency);
            const expected = mine.reduce(
              (acc, r) => acc.plus(rates.convert(r.effectiveCost, r.currency, r.day)!),
              new Decimal(0),
            );
            assert.ok(expected.equals(c.convertedEffectiveCost));
            const original = mine.reduce((acc, r) => acc.plus(r.effectiveCost), new Decimal(0));
            assert.ok(original.equals(c.effectiveCost));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names each day and pair with no rate either way, and converts none of them as zero', () => {
    const rates = new RateTable('EUR', [{ date: '2026-01-10', from: 'USD', to: 'EUR', rate: '0.92' }]);
    const converted = convertStatementRows(
      [
        row({}),
        row({ day: '2026-01-12' }),
        row({ currency: 'GBP' }),
        row({ currency: 'EUR', billedCost: '5' }),
      ],
      rates,
    );
    assert.deepEqual(converted.missing, ['2026-01-10 GBP->EUR', '2026-01-12 USD->EUR']);
    assert.equal(convertAmount('100', '0.92').toFixed(), converted.rows[0]!.billedCost);
  });
});
