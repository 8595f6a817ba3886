import { addDays, isCalendarDay, nextMonthStart } from '../cost-entries/calendar-days.js';
import { isKnownCurrency } from '../currency-codes.js';
import { TollgateError } from '../errors.js';
import { Decimal, isDecimalText, MONEY_SCALE } from '../money.js';
import type { ExchangeRate } from './exchange-rate.js';
import { type FilledPair, fillForwardRates } from './fill-forward-rates.js';

/** One rate as the file or the user gave it, with the row it came from (1-based). */
export interface RawRate {
  row: number;
  date: unknown;
  from: unknown;
  to: unknown;
  rate: unknown;
}

const MAX_SHOWN = 20;

/**
 * Checks exchange rates and answers them, or refuses them all, naming each problem.
 * 1. Each row: a calendar day, two different ISO 4217 codes, a positive decimal of at most 16
 *    decimals (1 `from` = rate `to`).
 * 2. No day and pair twice: a duplicate is refused, not resolved by order.
 * 3. With `fillForward` (stated by the user, never by default), the days a daily series skips
 *    get the last published rate (fill-forward-rates.ts), each marked with the day it is from.
 * 4. No gap: per pair, a series of first days of months is monthly and must have every month
 *    from its first to its last; any other series is daily and must have every day. A rate
 *    is never guessed unless asked: fill weekends and holidays with the rate you mean them to have.
 */
export function readExchangeRates(
  source: string,
  raws: readonly RawRate[],
  options: { fillForward: boolean } = { fillForward: false },
): { rates: ExchangeRate[]; filled: FilledPair[] } {
  const problems: string[] = [];
  const rates: (ExchangeRate & { row: number })[] = [];
  for (const raw of raws) {
    const before = problems.length;
    const at = (field: string, value: unknown, problem: string) =>
      problems.push(`${source}: row ${raw.row}, field ${field}, value '${value ?? ''}': ${problem}`);
    const date = typeof raw.date === 'string' ? raw.date.trim() : '';
    if (!isCalendarDay(date)) at('date', raw.date, 'not a calendar day; write YYYY-MM-DD');
    const from = typeof raw.from === 'string' ? raw.from.trim() : '';
    const to = typeof raw.to === 'string' ? raw.to.trim() : '';
    if (!isKnownCurrency(from)) at('from', raw.from, 'not an ISO 4217 code such as USD');
    if (!isKnownCurrency(to)) at('to', raw.to, 'not an ISO 4217 code such as EUR');
    if (from !== '' && from === to) at('to', raw.to, 'the same currency as from');
    const rateText = typeof raw.rate === 'string' ? raw.rate.trim() : '';
    if (!isDecimalText(rateText) || /e/i.test(rateText))
      at('rate', raw.rate, 'not a plain decimal number such as 0.9213');
    else {
      const rate = new Decimal(rateText);
      if (!rate.isPositive() || rate.isZero()) at('rate', raw.rate, 'a rate is more than zero');
      else if (rate.decimalPlaces() > MONEY_SCALE) at('rate', raw.rate, `more than ${MONEY_SCALE} decimals`);
      else if (rate.truncated().toFixed().length > 38 - MONEY_SCALE) at('rate', raw.rate, 'too large');
    }
    if (problems.length === before)
      rates.push({ row: raw.row, date, from, to, rate: new Decimal(rateText).toFixed() });
  }
  if (raws.length === 0) problems.push(`${source}: no rates; write date,from,to,rate rows`);
  const filled =
    options.fillForward && problems.length === 0 ? fillForwardRates(rates) : { rates, filled: [] };
  if (problems.length === 0) problems.push(...findDuplicatesAndGaps(source, filled.rates));
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_SHOWN).map((problem) => `  ${problem}`);
    const more = problems.length > MAX_SHOWN ? `\n  ...and ${problems.length - MAX_SHOWN} more` : '';
    throw new TollgateError(
      'RATES_INVALID',
      `${problems.length} problem(s) in ${source}; no rate was saved. Fix them and load the rates again:\n${shown.join('\n')}${more}`,
      'invalid-input',
    );
  }
  return { rates: filled.rates.map(({ row: _row, ...rate }) => rate), filled: filled.filled };
}

function findDuplicatesAndGaps(source: string, rates: readonly (ExchangeRate & { row: number })[]): string[] {
  const problems: string[] = [];
  const byPair = new Map<string, (ExchangeRate & { row: number })[]>();
  for (const rate of rates) {
    const pair = `${rate.from}->${rate.to}`;
    byPair.set(pair, [...(byPair.get(pair) ?? []), rate]);
  }
  for (const [pair, series] of byPair) {
    const sorted = [...series].sort((a, b) => a.date.localeCompare(b.date) || a.row - b.row);
    const monthly = sorted.length > 1 && sorted.every((rate) => rate.date.endsWith('-01'));
    for (let index = 1; index < sorted.length; index++) {
      const previous = sorted[index - 1]!;
      const current = sorted[index]!;
      if (previous.date === current.date) {
        problems.push(
          `${source}: rows ${previous.row} and ${current.row} both give ${pair} for ${current.date}; keep one`,
        );
        continue;
      }
      const expected = monthly ? nextMonthStart(previous.date) : addDays(previous.date, 1);
      if (current.date !== expected) {
        problems.push(
          `${source}: ${pair} has no rate for ${expected}${monthly ? ' (a monthly series)' : ''} between rows ${previous.row} (${previous.date}) and ${current.row} (${current.date}); add the missing ${monthly ? 'months' : 'days'}${monthly ? '' : ', or load again asking to fill them forward from the last published day'}`,
        );
      }
    }
  }
  return problems;
}
