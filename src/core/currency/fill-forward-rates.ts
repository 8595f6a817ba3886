import { addDays } from '../cost-entries/calendar-days.js';
import type { ExchangeRate } from './exchange-rate.js';

/** A rate with the row it was read from, as readExchangeRates holds it. */
type RowRate = ExchangeRate & { row: number };

export interface FilledPair {
  pair: string;
  /** Days given the last published rate, none of which the source published. */
  days: number;
}

/**
 * Fills the days a publisher skipped (weekends, holidays) with the last published rate, as
 * `rates load --fill-forward` asks. Method: last observation carried forward, per pair.
 * 1. Group the rates by pair and sort each series by day.
 * 2. A series of first days of months only is monthly: it is left as given.
 * 3. Between two published days, each missing day gets the earlier day's rate, marked with
 *    `filledFrom` (that day) and the earlier row; nothing is filled before the first published
 *    day or after the last, and a day given twice is left for the duplicate check to refuse.
 */
export function fillForwardRates<T extends RowRate>(
  rates: readonly T[],
): { rates: T[]; filled: FilledPair[] } {
  const byPair = new Map<string, T[]>();
  for (const rate of rates) {
    const pair = `${rate.from}->${rate.to}`;
    byPair.set(pair, [...(byPair.get(pair) ?? []), rate]);
  }
  const out: T[] = [];
  const filled: FilledPair[] = [];
  for (const [pair, series] of byPair) {
    const sorted = [...series].sort((a, b) => a.date.localeCompare(b.date) || a.row - b.row);
    out.push(...sorted);
    const monthly = sorted.length > 1 && sorted.every((rate) => rate.date.endsWith('-01'));
    if (monthly) continue;
    let days = 0;
    for (let index = 1; index < sorted.length; index++) {
      const previous = sorted[index - 1]!;
      const current = sorted[index]!;
      for (let day = addDays(previous.date, 1); day < current.date; day = addDays(day, 1)) {
        out.push({ ...previous, date: day, filledFrom: previous.filledFrom ?? previous.date });
        days++;
      }
    }
    if (days > 0) filled.push({ pair, days });
  }
  return { rates: out, filled: filled.sort((a, b) => a.pair.localeCompare(b.pair)) };
}
