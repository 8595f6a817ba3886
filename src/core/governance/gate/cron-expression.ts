import { TollgateError } from '../../errors.js';

/** A parsed five-field cron expression: the allowed values of each field, evaluated in UTC. */
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

/** True when the UTC minute containing `at` matches the expression. */
export function cronMatches(cron: CronExpression, at: Date): boolean {
  if (!cron.minutes.has(at.getUTCMinutes()) || !cron.hours.has(at.getUTCHours())) return false;
  if (!cron.months.has(at.getUTCMonth() + 1)) return false;
  return dayMatches(cron, at);
}

function dayMatches(cron: CronExpression, at: Date): boolean {
  const dayOfMonth = cron.daysOfMonth.has(at.getUTCDate());
  const dayOfWeek = cron.daysOfWeek.has(at.getUTCDay());
  if (cron.dayOfMonthRestricted && cron.dayOfWeekRestricted) return dayOfMonth || dayOfWeek;
  return dayOfMonth && dayOfWeek;
}

/**
 * The first matching minute at or after `from`, looking at most `limitMinutes` ahead; undefined
 * if none. Skips whole months, days and hours that cannot match instead of testing each minute.
 */
export function nextCronMatch(
  cron: CronExpression,
  from: Date,
  limitMinutes = 60 * 24 * 62,
): Date | undefined {
  let time = Math.floor(from.getTime() / 60_000) * 60_000;
  const end = time + limitMinutes * 60_000;
  while (time <= end) {
    const at = new Date(time);
    if (!cron.months.has(at.getUTCMonth() + 1)) {
      time = Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1);
    } else if (!dayMatches(cron, at)) {
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
