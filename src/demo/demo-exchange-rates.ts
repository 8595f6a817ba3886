import { SeededRandom } from './seeded-random.js';

/**
 * Daily EUR to USD rates for the demo year: a seeded random walk of at most 0.3% a day from
 * 1.08, kept within 1.02..1.16 (the range of the real rate in recent years), every day of the
 * year with no gap, as Tollgate requires. Four decimals, as central banks publish them.
 */
export function demoExchangeRates(year: number, seed: number) {
  const rng = new SeededRandom(`rates-${seed}`);
  let rate = 1.08;
  const rates: { date: string; from: string; to: string; rate: string }[] = [];
  for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 1, 0, 1); day += 86_400_000) {
    rate = Math.min(1.16, Math.max(1.02, rate * (1 + (rng.next() - 0.5) * 0.006)));
    rates.push({
      date: new Date(day).toISOString().slice(0, 10),
      from: 'EUR',
      to: 'USD',
      rate: rate.toFixed(4),
    });
  }
  return rates;
}
