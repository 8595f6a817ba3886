/** Small statistics over plain number arrays; NaN marks a missing value and is skipped. */

export function presentValues(values: readonly number[]): number[] {
  return values.filter((value) => Number.isFinite(value));
}

export function mean(values: readonly number[]): number {
  const present = presentValues(values);
  if (present.length === 0) return Number.NaN;
  return present.reduce((sum, value) => sum + value, 0) / present.length;
}

/** Linear-interpolated quantile (type 7, as R and NumPy default) of the present values. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = presentValues(values).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const weight = position - lower;
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Median absolute deviation scaled by 1.4826 so it estimates a normal standard deviation. */
export function scaledMad(values: readonly number[]): number {
  const centre = median(values);
  return 1.4826 * median(presentValues(values).map((value) => Math.abs(value - centre)));
}

/** Deterministic pseudo-random numbers (mulberry32) so generated series are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box-Muller) from a uniform source. */
export function normalDraw(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
