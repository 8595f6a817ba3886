import { SeededRandom } from './seeded-random.js';

/**
 * Daily EUR to USD rates for the demo year and the December before it (the first releases are
 * planned then, and a release's estimate converts at the rate of the day it was created): a
 * seeded random walk of at most 0.3% a day from 1.08, kept within 1.02..1.16 (the range of the
 * real rate in recent years), every day with no gap, as Tollgate requires. Four decimals, as
 * central banks publish them. The December walks on its own stream, so the year's rates are the
 * same with or without it.
 */
export function demoExchangeRates(year: number, seed: number) {
  return [
    ...walkRates(`rates-${seed}-december`, Date.UTC(year - 1, 11, 1), Date.UTC(year, 0, 1)),
    ...walkRates(`rates-${seed}`, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)),
  ];
}

function walkRates(stream: string, from: number, until: number) {
  const rng = new SeededRandom(stream);
  let rate = 1.08;
  const rates: { date: string; from: string; to: string; rate: string }[] = [];
  for (let day = from; day < until; day += 86_400_000) {
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
