import { TollgateError } from '../errors.js';

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A billing period is a month, written YYYY-MM. */
/** `label` is the caller's name for the field (the CLI's flag, the API's field). */
export function parsePeriod(text: string, label = 'period'): string {
  const value = text.trim();
  if (!PERIOD.test(value)) {
    throw new TollgateError(
      'PERIOD_BAD_FORMAT',
      `${label} ${text} is not a billing period; write YYYY-MM, for example 2026-01.`,
      'usage',
    );
  }
  return value;
}

/** `2026-01` or `2026-01..2026-03` (inclusive), as the list of periods. */
export function parsePeriodRange(text: string, label = 'period'): string[] {
  const [first, last, ...rest] = text.split('..');
  if (rest.length > 0 || first === undefined) return [parsePeriod(text, label)];
  const from = parsePeriod(first, label);
  const to = last === undefined ? from : parsePeriod(last, label);
  if (to < from) {
    throw new TollgateError(
      'PERIOD_BAD_RANGE',
      `The range ${text} ends before it starts; write FROM..TO.`,
      'usage',
    );
  }
  const periods: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let period = from; period <= to; ) {
    periods.push(period);
    month++;
    if (month === 13) {
      month = 1;
      year++;
    }
    period = `${year}-${String(month).padStart(2, '0')}`;
    if (periods.length > 240) {
      throw new TollgateError(
        'PERIOD_BAD_RANGE',
        `The range ${text} spans more than 20 years; allocate it in parts.`,
        'usage',
      );
    }
  }
  return periods;
}
