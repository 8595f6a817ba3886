import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { minorUnitDigits, spreadOverDays } from '../../src/core/cost-entries/spread-over-days.js';
import { Decimal } from '../../src/core/money.js';

/** Decimal amounts up to 22 integer digits and 0 to 16 decimals, either sign. */
const amounts = fc
  .tuple(fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }), fc.integer({ min: 0, max: 16 }))
  .map(([units, scale]) => new Decimal(units.toString()).dividedBy(new Decimal(10).pow(scale)));

describe('spreading an amount over its days (largest remainder at the minor unit)', () => {
  it('the shares always add up to the amount exactly, differ by at most one step, earliest days first', () => {
    fc.assert(
      fc.property(
        amounts,
        fc.integer({ min: 1, max: 3660 }),
        fc.constantFrom(0, 2, 3),
        (amount, days, digits) => {
          const shares = spreadOverDays(amount, days, digits);
          assert.equal(shares.length, days);
          const total = shares.reduce((sum, share) => sum.plus(share), new Decimal(0));
          assert.ok(total.equals(amount), `${total} != ${amount}`);
          const step = new Decimal(10).pow(-Math.max(digits, amount.decimalPlaces()));
          for (const share of shares) {
            assert.ok(share.mod(step).isZero(), `${share} is not a whole number of ${step}`);
            assert.ok(amount.isZero() || share.isZero() || share.isNegative() === amount.isNegative());
          }
          for (let day = 1; day < days; day++) {
            const difference = shares[day - 1]!.abs().minus(shares[day]!.abs());
            assert.ok(difference.isZero() || difference.equals(step), `day ${day}: ${difference}`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an annual licence of 23960.00 EUR: 65.64 a day, the first 140 days one cent more', () => {
    const shares = spreadOverDays(new Decimal('23960.00'), 365, 2);
    assert.equal(shares[0]!.toFixed(2), '65.65');
    assert.equal(shares[139]!.toFixed(2), '65.65');
    assert.equal(shares[140]!.toFixed(2), '65.64');
  });

  it('minor units come from ISO 4217 as ICU knows them', () => {
    assert.equal(minorUnitDigits('EUR'), 2);
    assert.equal(minorUnitDigits('JPY'), 0);
    assert.equal(minorUnitDigits('KWD'), 3);
  });
});
