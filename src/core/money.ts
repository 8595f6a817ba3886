import { Decimal as DecimalBase } from 'decimal.js';

/**
 * Money is an exact decimal. A private Decimal constructor with 60 significant digits keeps
 * every sum of DECIMAL(38,16) values exact; floats never touch an amount.
 */
export const Decimal = DecimalBase.clone({
  precision: 60,
  rounding: DecimalBase.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 60,
});
export type Decimal = InstanceType<typeof Decimal>;

/** The scale amounts are stored with (DECIMAL(38,16) in DuckDB, NUMERIC in PostgreSQL). */
export const MONEY_SCALE = 16;

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** True when `text` is a plain decimal number as billing files write them. */
export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text.trim());
}

export function parseMoney(text: string): Decimal {
  if (!isDecimalText(text)) throw new RangeError(`not a decimal number: ${text}`);
  return new Decimal(text.trim());
}

/**
 * Decimal string for JSON and CSV output: at least `minScale` decimals (so columns line up),
 * more when the value needs them, so an exact total is never rounded on the way out.
 */
export function formatMoney(value: string | Decimal, minScale = 10): string {
  const decimal = new Decimal(value);
  return decimal.toFixed(Math.max(minScale, decimal.decimalPlaces()));
}
