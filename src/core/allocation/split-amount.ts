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
 * parts per 10^12 that add up to exactly 10^12, so the store splits each line with 64-bit
 * integer arithmetic (see print-allocation-sql.ts). Method: the same cumulative rounding as
 * splitUnits, on the weights themselves.
 * 1. Negative weights count as zero; when nothing is left (every weight zero) return null.
 * 2. splitUnits(10^12, weights): every part is within one part of its exact share.
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
 * Splits `units` across targets in proportion to non-negative integer `weights`, exactly: the
 * parts always add up to `units`. Method: cumulative rounding (rounding the running total).
 * 1. Work on |units|; the sign is put back on every part at the end.
 * 2. For each target in order, round the running share |units| x (w_1 + ... + w_i) / W up to
 *    a whole unit.
 * 3. The target's part is its rounded running share minus the previous target's. The parts
 *    telescope to |units| exactly, each is within one unit of its exact share, and the units
 *    that do not divide go to the earlier targets (10 across three equal weights: 4, 3, 3).
 * Unlike largest remainder, no part depends on sorting the others' remainders, so the store
 * computes every target's part of a line independently (no per-line sort in SQL).
 */
export function splitUnits(units: bigint, weights: bigint[]): bigint[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0n);
  if (total <= 0n) throw new RangeError('split weights must add up to more than zero');
  if (weights.some((weight) => weight < 0n)) throw new RangeError('split weights must not be negative');
  const sign = units < 0n ? -1n : 1n;
  const magnitude = units * sign;
  let through = 0n;
  let previous = 0n;
  return weights.map((weight) => {
    through += weight;
    const rounded = ceilingShare(magnitude, through, total);
    const part = rounded - previous;
    previous = rounded;
    return part * sign;
  });
}

/** ceil(units x part / total) for non-negative operands. */
function ceilingShare(units: bigint, part: bigint, total: bigint): bigint {
  return (units * part + total - 1n) / total;
}
