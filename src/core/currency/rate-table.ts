import { Decimal, MONEY_SCALE } from '../money.js';
import { convertAmount } from './convert-amount.js';
import type { ExchangeRate } from './exchange-rate.js';

/** Digits kept while dividing, far beyond the 16 decimals kept (see divideAmount). */
const WORKING = Decimal.clone({ precision: 90, rounding: Decimal.ROUND_DOWN });

/**
 * The stored rates of some days into and out of one reporting currency, asked by day and
 * billing currency. A day with a rate `from -> reporting` converts by multiplying; a day with
 * only the other direction (`reporting -> from`, as the ECB publishes EUR -> X) converts by
 * dividing by that rate. The given direction wins when both are stored.
 */
export class RateTable {
  private readonly direct = new Map<string, string>();
  private readonly inverse = new Map<string, string>();

  constructor(
    readonly currency: string,
    rates: readonly Pick<ExchangeRate, 'date' | 'from' | 'to' | 'rate'>[],
  ) {
    for (const rate of rates) {
      if (rate.to === currency) this.direct.set(`${rate.date}|${rate.from}`, rate.rate);
      else if (rate.from === currency) this.inverse.set(`${rate.date}|${rate.to}`, rate.rate);
    }
  }

  /**
   * `amount` in `from` on `day` in the reporting currency, or undefined when neither direction
   * of the pair has a rate for the day. Spend already in the reporting currency is kept as is.
   */
  convert(amount: Decimal | string, from: string, day: string): Decimal | undefined {
    if (from === this.currency) return new Decimal(amount);
    const key = `${day}|${from}`;
    const rate = this.direct.get(key);
    if (rate !== undefined) return convertAmount(amount, rate);
    const inverse = this.inverse.get(key);
    return inverse === undefined ? undefined : divideAmount(amount, inverse);
  }

  /** Whether the day converts `from` (either direction of the pair is stored). */
  has(from: string, day: string): boolean {
    return from === this.currency || this.direct.has(`${day}|${from}`) || this.inverse.has(`${day}|${from}`);
  }
}

/**
 * The inverse direction's rounding rule: amount / rate, rounded half to even at 16 decimals,
 * exactly as convertAmount rounds a product (never via a rounded 1/rate, which would add a
 * second rounding). Method: truncated division, then a correctly rounded last step.
 * 1. Divide with 90 significant digits, truncating: the true quotient lies in [q, q + ulp).
 * 2. Unless q's digits beyond the 16th decimal are exactly a half (5 then zeros), rounding q
 *    half to even rounds the true quotient the same way: a tie is a multiple of the ulp, so
 *    the true quotient cannot cross it.
 * 3. On an exact half, the true quotient is the tie only when q x rate gives back the amount;
 *    otherwise it lies above the tie and rounds away from zero.
 */
export function divideAmount(amount: Decimal | string, rate: Decimal | string): Decimal {
  const [a, r] = [new WORKING(amount.toString()), new WORKING(rate.toString())];
  const quotient = a.dividedBy(r);
  const rest = quotient.minus(quotient.toDecimalPlaces(MONEY_SCALE, WORKING.ROUND_DOWN)).abs();
  const half = new WORKING(10).pow(-MONEY_SCALE).dividedBy(2);
  const tieBroken = rest.equals(half) && !quotient.times(r).equals(a);
  const rounded = quotient.toDecimalPlaces(
    MONEY_SCALE,
    tieBroken ? WORKING.ROUND_UP : WORKING.ROUND_HALF_EVEN,
  );
  return new Decimal(rounded.toFixed());
}
