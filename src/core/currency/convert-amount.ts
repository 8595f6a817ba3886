import { Decimal, MONEY_SCALE } from '../money.js';

/** Which rate converts a charge day: the day's own, or the one dated the first day of its month. */
export type RateBasis = 'day' | 'month';

/** The day whose rate converts spend of `day` (YYYY-MM-DD) under the basis. */
export function rateDayOf(day: string, basis: RateBasis): string {
  return basis === 'month' ? `${day.slice(0, 7)}-01` : day;
}

/**
 * The one rounding rule of conversion: amount x rate, rounded half to even at 16 decimals (the
 * scale amounts are stored with). Each converted figure is at most half a unit of the 16th
 * decimal from the exact product, so a total of n converted figures is within n/2 units of it.
 */
export function convertAmount(amount: Decimal | string, rate: Decimal | string): Decimal {
  return new Decimal(amount).times(rate).toDecimalPlaces(MONEY_SCALE, Decimal.ROUND_HALF_EVEN);
}
