import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { convertAmount } from '../../src/core/currency/convert-amount.js';
import { Decimal } from '../../src/core/money.js';

const scaled = (max: bigint, scale: number) =>
  fc
    .bigInt({ min: -max, max })
    .map((units) => new Decimal(units.toString()).dividedBy(new Decimal(10).pow(scale)));

describe('conversion rounds once per figure, half to even at 16 decimals', () => {
  it('figures converted one by one add up to the converted total within n/2 units of the 16th decimal', () => {
    fc.assert(
      fc.property(
        fc.array(scaled(10n ** 24n, 16), { minLength: 1, maxLength: 50 }),
        scaled(10n ** 20n, 16).map((rate) => rate.abs().plus('0.0000000000000001')),
        (amounts, rate) => {
          const oneByOne = amounts.reduce(
            (sum, amount) => sum.plus(convertAmount(amount, rate)),
            new Decimal(0),
          );
          const exact = amounts.reduce((sum, amount) => sum.plus(amount), new Decimal(0)).times(rate);
          const bound = new Decimal('1e-16').times(amounts.length).dividedBy(2);
          assert.ok(oneByOne.minus(exact).abs().lte(bound), `${oneByOne} vs ${exact}`);
          assert.ok(oneByOne.minus(convertAmount(exact, '1')).abs().lte(bound.plus('0.5e-16')));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rounds half to even', () => {
    assert.equal(convertAmount('0.00000000000000005', '1').toFixed(), '0');
    assert.equal(convertAmount('0.00000000000000015', '1').toFixed(), '0.0000000000000002');
    assert.equal(convertAmount('100.10', '0.9213').toFixed(), '92.22213');
  });
});
