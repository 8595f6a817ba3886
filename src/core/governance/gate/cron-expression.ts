import { TollgateError } from '../../errors.js';
import { type LocalTime, localTimeAt } from '../../time/zoned-time.js';

/** A parsed five-field cron expression: the allowed values of each field, read on a zone's wall clock (UTC by default). */
export interface CronExpression {
  source: string;
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  /** Cron's rule: when both day fields are restricted, a day matches if either matches. */
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  namesStart?: number;
}

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, namesStart: 1 },
  { name: 'day of week', min: 0, max: 7, names: DAY_NAMES, namesStart: 0 },
];

function invalid(source: string, why: string): TollgateError {
  return new TollgateError(
    'CRON_INVALID',
    `The cron expression '${source}' does not parse: ${why}. Write five fields (minute hour day-of-month month day-of-week), ` +
      'for example "* 9-16 * * 1-5" (every minute from 09:00 to 16:59 UTC, Monday to Friday).',
  );
}

function parseValue(text: string, spec: FieldSpec, source: string): number {
  const lower = text.toLowerCase();
  const named = spec.names?.indexOf(lower) ?? -1;
  if (named >= 0) return named + (spec.namesStart ?? 0);
  if (!/^\d+$/.test(text)) throw invalid(source, `'${text}' is not a number in the ${spec.name} field`);
  const value = Number(text);
  if (value < spec.min || value > spec.max) {
    throw invalid(source, `${value} is outside ${spec.min}-${spec.max} in the ${spec.name} field`);
  }
  return value;
}

function parseField(text: string, spec: FieldSpec, source: string): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [rangeText, stepText, extra] = part.split('/');
    if (extra !== undefined || rangeText === undefined || rangeText === '') {
      throw invalid(source, `'${part}' is not a value, range or step in the ${spec.name} field`);
    }
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0)
        throw invalid(source, `step '${stepText}' must be a positive number`);
      step = Number(stepText);
    }
    let low: number;
    let high: number;
    if (rangeText === '*') {
      low = spec.min;
      high = spec.max;
    } else if (rangeText.includes('-')) {
      const [lowText, highText, more] = rangeText.split('-');
      if (more !== undefined || !lowText || !highText) throw invalid(source, `'${rangeText}' is not a range`);
      low = parseValue(lowText, spec, source);
      high = parseValue(highText, spec, source);
      if (low > high) throw invalid(source, `range ${rangeText} runs backwards in the ${spec.name} field`);
    } else {
      low = parseValue(rangeText, spec, source);
      high = stepText === undefined ? low : spec.max;
    }
    for (let value = low; value <= high; value += step) values.add(value);
  }
  return values;
}

/** Parses a standard five-field cron expression (numbers, names, `*`, ranges, lists, steps). */
export function parseCron(source: string): CronExpression {
  const fields = source.trim().split(/\s+/);
  if (fields.length !== 5 || fields[0] === '') {
    throw invalid(source, `it has ${source.trim() === '' ? 0 : fields.length} fields, not 5`);
  }
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = fields.map((field, index) =>
    parseField(field, FIELDS[index]!, source),
  ) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  if (daysOfWeek.has(7)) daysOfWeek.add(0);
  return {
    source,
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    dayOfMonthRestricted: fields[2] !== '*',
    dayOfWeekRestricted: fields[4] !== '*',
  };
}

/** True when the minute containing `at`, read on the clock of `timeZone`, matches the expression. */
export function cronMatches(cron: CronExpression, at: Date, timeZone = 'UTC'): boolean {
  const local = localTimeAt(at, timeZone);
  if (!cron.minutes.has(local.minute) || !cron.hours.has(local.hour)) return false;
  if (!cron.months.has(local.month)) return false;
  return dayMatches(cron, local);
}

function dayMatches(cron: CronExpression, local: Pick<LocalTime, 'day' | 'weekday'>): boolean {
  const dayOfMonth = cron.daysOfMonth.has(local.day);
  const dayOfWeek = cron.daysOfWeek.has(local.weekday);
  if (cron.dayOfMonthRestricted && cron.dayOfWeekRestricted) return dayOfMonth || dayOfWeek;
  return dayOfMonth && dayOfWeek;
}

const utcDay = (at: Date) => ({ day: at.getUTCDate(), weekday: at.getUTCDay() });

/**
 * The first matching minute at or after `from`, looking at most `limitMinutes` ahead; undefined
 * if none. Skips whole months, days and hours that cannot match instead of testing each minute.
 */
export function nextCronMatch(
  cron: CronExpression,
  from: Date,
  limitMinutes = 60 * 24 * 62,
  timeZone = 'UTC',
): Date | undefined {
  if (timeZone !== 'UTC') return nextZonedCronMatch(cron, from, limitMinutes, timeZone);
  let time = Math.floor(from.getTime() / 60_000) * 60_000;
  const end = time + limitMinutes * 60_000;
  while (time <= end) {
    const at = new Date(time);
    if (!cron.months.has(at.getUTCMonth() + 1)) {
      time = Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1);
    } else if (!dayMatches(cron, utcDay(at))) {
      time = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1);
    } else if (!cron.hours.has(at.getUTCHours())) {
      time = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), at.getUTCHours() + 1);
    } else if (!cron.minutes.has(at.getUTCMinutes())) {
      time += 60_000;
    } else {
      return at;
    }
  }
  return undefined;
}

/**
 * nextCronMatch on a zone's wall clock, stepping in real time so a skipped hour never matches
 * and a repeated hour matches twice:
 * 1. read the local time of the candidate minute;
 * 2. a day (or month) that cannot match: jump to two hours before the local midnight (a day
 *    may have 23 or 25 hours, so never further), then hour by hour;
 * 3. an hour that cannot match: jump to the next local hour (zone offsets are whole minutes);
 * 4. else a minute that cannot match: the next minute; otherwise it is the match.
 */
function nextZonedCronMatch(
  cron: CronExpression,
  from: Date,
  limitMinutes: number,
  timeZone: string,
): Date | undefined {
  let time = Math.floor(from.getTime() / 60_000) * 60_000;
  const end = time + limitMinutes * 60_000;
  while (time <= end) {
    const local = localTimeAt(new Date(time), timeZone);
    const toNextHour = 60 - local.minute;
    if (!cron.months.has(local.month) || !dayMatches(cron, local)) {
      const toMidnight = 24 * 60 - (local.hour * 60 + local.minute);
      time += (toMidnight > 120 ? toMidnight - 120 : toNextHour) * 60_000;
    } else if (!cron.hours.has(local.hour)) {
      time += toNextHour * 60_000;
    } else if (!cron.minutes.has(local.minute)) {
      time += 60_000;
    } else {
      return new Date(time);
    }
  }
  return undefined;
}
