import { Decimal } from '../money.js';

/** Digits after the point of a currency's minor unit (2 for EUR, 0 for JPY, 3 for KWD), from ICU. */
export function minorUnitDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/**
 * Spreads an amount over `days` equal days, keeping the total exact: the largest remainder
 * method with equal weights.
 * 1. The step is the currency's minor unit, or the amount's own last decimal when it has more
 *    decimals than that (so the shares always add up to the amount exactly).
 * 2. Every day gets the amount divided by the days, rounded down to the step (toward zero).
 * 3. What is left is a whole number r of steps, fewer than the days; with equal weights every
 *    remainder is the same, so the tie goes to the earliest days: the first r days get one
 *    step more. A negative amount (a credit) is spread as its opposite and negated.
 */
export function spreadOverDays(amount: Decimal, days: number, minorDigits: number): Decimal[] {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a whole number >= 1: ${days}`);
  const negative = amount.isNegative();
  const magnitude = amount.abs();
  const digits = Math.max(minorDigits, magnitude.decimalPlaces());
  const steps = magnitude.times(new Decimal(10).pow(digits)); // a whole number of steps
  const base = steps.dividedToIntegerBy(days);
  const remainder = steps.minus(base.times(days)).toNumber(); // < days, so a safe integer
  const step = new Decimal(10).pow(-digits);
  const shares: Decimal[] = [];
  for (let day = 0; day < days; day++) {
    const share = base.plus(day < remainder ? 1 : 0).times(step);
    shares.push(negative ? share.negated() : share);
  }
  return shares;
}
