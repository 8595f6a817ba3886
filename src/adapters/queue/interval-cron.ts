import { TollgateError } from '../../core/errors.js';

/**
 * A queue schedule is a cron expression, so an interval becomes one when it divides an hour,
 * a day or a week evenly (runs then fall on the same wall-clock marks in every process).
 */
export function cronForInterval(minutes: number, setting: string): string {
  if (Number.isInteger(minutes) && minutes >= 1) {
    if (minutes < 60 && 60 % minutes === 0) return minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`;
    if (minutes % 60 === 0) {
      const hours = minutes / 60;
      if (hours < 24 && 24 % hours === 0) return hours === 1 ? '0 * * * *' : `0 */${hours} * * *`;
      if (hours === 24) return '0 0 * * *';
      if (hours === 168) return '0 0 * * 0';
    }
  }
  throw new TollgateError(
    'CONFIG_INTERVAL_NOT_SCHEDULABLE',
    `${setting} is ${minutes} minute(s), which a queue schedule cannot repeat evenly. In server mode choose a number ` +
      'of minutes that divides an hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30), of hours that divides a day ' +
      '(1, 2, 3, 4, 6, 8, 12, 24), or a week (168 hours).',
    'usage',
  );
}
