import { normalDraw } from '../forecast/robust-stats.js';

export interface SeriesShape {
  /** Typical weekday cost. */
  level: number;
  /** Weekend cost as a fraction of weekday cost (batch and dev environments idle). */
  weekendFactor: number;
  /** Daily growth rate of the underlying level. */
  growth: number;
  /** Standard deviation of the multiplicative day-to-day noise. */
  noise: number;
  /** Day of week of index 0 (0 = Monday). */
  firstWeekday: number;
}

/** Draws the shape of a plausible cloud cost series: levels from $50 to $5,000 a day. */
export function drawSeriesShape(random: () => number): SeriesShape {
  return {
    level: Math.exp(Math.log(50) + random() * (Math.log(5000) - Math.log(50))),
    weekendFactor: 0.45 + random() * 0.5,
    growth: -0.001 + random() * 0.005,
    noise: 0.02 + random() * 0.06,
    firstWeekday: Math.floor(random() * 7),
  };
}

/**
 * A daily usage cost series: a growing level that also wanders slowly (a small random walk,
 * as fleets resize), a weekly profile (weekday bumps, quiet weekends) and multiplicative noise.
 */
export function generateCostSeries(shape: SeriesShape, length: number, random: () => number): number[] {
  const weekdayProfile = [1.02, 1.04, 1.03, 1.01, 0.98].map((factor) => factor + (random() - 0.5) * 0.06);
  const values: number[] = [];
  let wander = 0;
  for (let t = 0; t < length; t++) {
    wander += normalDraw(random) * 0.004;
    const weekday = (shape.firstWeekday + t) % 7;
    const weekly = weekday < 5 ? weekdayProfile[weekday]! : shape.weekendFactor;
    const noise = Math.exp(normalDraw(random) * shape.noise);
    values.push(shape.level * Math.exp(shape.growth * t + wander) * weekly * noise);
  }
  return values;
}
