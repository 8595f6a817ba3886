/**
 * Exact money for the generator: amounts are BigInt counts of 10^-10 currency units (the
 * scale real exports write), unit prices BigInt counts of 10^-6 and quantities BigInt counts
 * of 10^-4, so quantity x price is an exact amount. Floats only ever pick a quantity or a price
 * once; every amount after that is integer arithmetic.
 */
export const AMOUNT_SCALE = 10;
export const PRICE_SCALE = 6;
export const QUANTITY_SCALE = 4;

const AMOUNT_UNIT = 10n ** BigInt(AMOUNT_SCALE);

/** Exact decimal text of a scaled integer: formatScaled(-12345n, 4) = "-1.2345". */
export function formatScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

export function formatAmount(value: bigint): string {
  return formatScaled(value, AMOUNT_SCALE);
}

/** A price drawn as a float, fixed once to 10^-6 units (never below one unit). */
export function toPriceUnits(price: number): bigint {
  return BigInt(Math.max(1, Math.round(price * 10 ** PRICE_SCALE)));
}

/** A quantity drawn as a float, fixed once to 10^-4 units (never below one unit). */
export function toQuantityUnits(quantity: number): bigint {
  return BigInt(Math.max(1, Math.round(quantity * 10 ** QUANTITY_SCALE)));
}

/** quantity (10^-4) x price (10^-6) = amount (10^-10), exactly. */
export function multiplyToAmount(quantity: bigint, price: bigint): bigint {
  return quantity * price;
}

/** value x numerator / denominator, rounded half to even (the rule invoices use). */
export function scaleRounded(value: bigint, numerator: bigint, denominator: bigint): bigint {
  const product = value * numerator;
  const negative = product < 0n !== denominator < 0n;
  const n = product < 0n ? -product : product;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  const twiceRemainder = (n % d) * 2n;
  if (twiceRemainder > d || (twiceRemainder === d && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}

/** Rounds an amount (10^-10) to whole cents, half to even, as taxes and credits are invoiced. */
export function roundAmountToCents(value: bigint): bigint {
  const cent = AMOUNT_UNIT / 100n;
  return scaleRounded(value, 1n, cent) * cent;
}

/** An amount in whole currency units drawn as a float, fixed to cents. */
export function amountFromCurrency(value: number): bigint {
  return BigInt(Math.round(value * 100)) * (AMOUNT_UNIT / 100n);
}
