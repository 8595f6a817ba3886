import { Decimal, MONEY_SCALE } from '../money.js';

const UNIT = 10n ** BigInt(MONEY_SCALE);
/** Weights are quantised to parts per 10^12 of the split before amounts are divided. */
export const WEIGHT_SCALE = 10n ** 12n;
/**
 * Largest amount one shared line may carry (10^10, ten billion), so that its units times a
 * weight (parts per 10^12) stay well inside the store's 128-bit integers.
 */
export const MAX_SPLIT_UNITS = 10n ** 26n;

/** An amount as a whole number of 10^-16 units (the stored scale); exact. */
export function amountToUnits(amount: string | Decimal): bigint {
  const scaled = new Decimal(amount).times(UNIT.toString());
  if (!scaled.isInteger()) throw new RangeError(`amount ${amount} has more than ${MONEY_SCALE} decimals`);
  return BigInt(scaled.toFixed(0));
}

export function unitsToAmount(units: bigint): string {
  return new Decimal(units.toString()).dividedBy(UNIT.toString()).toString();
}

/**
 * Turns split weights (team shares, driver quantities, direct costs, percentages) into whole
 * parts per 10^12 that add up to exactly 10^12, so the store splits each line with integer
 * arithmetic and no 128-bit division per row (see print-allocation-sql.ts). Method: largest
 * remainder on the weights themselves.
 * 1. Negative weights count as zero; when nothing is left (every weight zero) return null.
 * 2. Each target gets floor(w x 10^12 / W); the parts still missing (fewer than the number of
 *    targets) go one each to the largest remainders, ties to the earlier target.
 * One quantisation for every method keeps the in-memory and SQL evaluators identical.
 */
export function quantiseWeights(weights: Decimal[]): bigint[] | null {
  const clamped = weights.map((weight) => (weight.isNegative() ? new Decimal(0) : weight));
  const total = clamped.reduce((sum, weight) => sum.plus(weight), new Decimal(0));
  if (total.isZero()) return null;
  // Integers in units of total / 10^12: scale every weight so the division is exact bigints.
  const scale = new Decimal(10).pow(Math.max(0, ...clamped.map((weight) => weight.decimalPlaces())));
  const integers = clamped.map((weight) => BigInt(weight.times(scale).toFixed(0)));
  return splitUnits(WEIGHT_SCALE, integers);
}

/**
 * Splits `units` across targets in proportion to integer `weights`, exactly: the parts always
 * add up to `units`. Method: largest remainder (Hamilton).
 * 1. Work on |units|; the sign is put back on every part at the end.
 * 2. Each target gets floor(|units| x w_i / W) and keeps the remainder (|units| x w_i) mod W.
 * 3. The units still missing (fewer than the number of targets) go one each to the targets
 *    with the largest remainders; equal remainders go to the earlier target (team id order).
 */
export function splitUnits(units: bigint, weights: bigint[]): bigint[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0n);
  if (total <= 0n) throw new RangeError('split weights must add up to more than zero');
  const sign = units < 0n ? -1n : 1n;
  const magnitude = units * sign;
  const parts = weights.map((weight) => (magnitude * weight) / total);
  const remainders = weights.map((weight) => (magnitude * weight) % total);
  let missing = magnitude - parts.reduce((sum, part) => sum + part, 0n);
  const order = weights
    .map((_, index) => index)
    .sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b));
  for (const index of order) {
    if (missing === 0n) break;
    parts[index] = parts[index]! + 1n;
    missing--;
  }
  return parts.map((part) => part * sign);
}
