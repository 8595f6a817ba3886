import { Decimal as DecimalBase } from 'decimal.js';

/**
 * The dashboard's exact decimal: 60 significant digits like the server's (src/core/money.ts),
 * so sums of DECIMAL(38,16) amounts stay exact (decimal.js defaults to 20 digits).
 */
export const Decimal = DecimalBase.clone({
  precision: 60,
  rounding: DecimalBase.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 60,
});
export type Decimal = InstanceType<typeof Decimal>;

/**
 * Money in the dashboard: the API sends exact decimal strings. Sums and shares are computed
 * with decimal.js; numbers (floats) appear only where a chart needs a position on an axis.
 */

export function sumDecimals(values: readonly (string | null | undefined)[]): string {
  let total = new Decimal(0);
  for (const value of values)
    if (value !== null && value !== undefined && value !== '') total = total.plus(value);
  return total.toFixed();
}

/** a / b * 100 with `digits` decimals, or null when b is zero. */
export function percentOf(part: string, whole: string, digits = 1): string | null {
  const denominator = new Decimal(whole);
  if (denominator.isZero()) return null;
  return new Decimal(part).div(denominator).times(100).toFixed(digits);
}

export function compareDecimals(a: string, b: string): number {
  return new Decimal(a).comparedTo(new Decimal(b));
}

/** For chart axes only: a position on screen, never a sum. */
export function toChartNumber(value: string | null | undefined): number {
  return value === null || value === undefined || value === '' ? 0 : new Decimal(value).toNumber();
}

/** "1234.5" USD -> "$1,234.50"; an unknown currency code is printed after the amount. */
export function formatMoneyText(amount: string, currency: string | null | undefined, digits = 2): string {
  // Half away from zero, as people round by hand; a tiny negative shows as 0.00, not -0.00.
  const value = new Decimal(amount).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP);
  const rounded = (value.isZero() ? value.abs() : value).toFixed(digits);
  const number = Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(rounded as Intl.StringNumericLiteral);
    } catch {
      // Not a currency Intl knows: fall through to the plain form.
    }
  }
  const text = number.format(rounded as Intl.StringNumericLiteral);
  return currency ? `${text} ${currency}` : text;
}

/** Compact form for chart axes and tiles: 1234567 -> "1.23M". */
export function formatCompact(amount: string | number): string {
  const value = typeof amount === 'number' ? amount : new Decimal(amount).toNumber();
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 }).format(value);
}
