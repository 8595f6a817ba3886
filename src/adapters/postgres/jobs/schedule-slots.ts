import { TollgateError } from '../../../core/errors.js';

const MINUTE_MS = 60_000;
/** Slots are counted from a Monday 00:00 UTC, so weekly slots start on Mondays and daily ones at midnight. */
const SLOT_ORIGIN_MS = Date.UTC(1970, 0, 5);

/**
 * A schedule's interval must divide an hour, a day or a week evenly, so its slots fall on the
 * same wall-clock marks (every 15 minutes on the quarter hour, every 6 hours at 00, 06, 12, 18
 * UTC) whatever process counts them.
 */
export function checkScheduleInterval(minutes: number, setting: string): number {
  if (Number.isInteger(minutes) && minutes >= 1) {
    if (minutes < 60 && 60 % minutes === 0) return minutes;
    if (minutes % 60 === 0) {
      const hours = minutes / 60;
      if ((hours < 24 && 24 % hours === 0) || hours === 24 || hours === 168) return minutes;
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

/** The start of the interval slot that `at` falls in, as an ISO-8601 UTC time. */
export function slotStart(minutes: number, at: Date): string {
  const length = minutes * MINUTE_MS;
  const start = SLOT_ORIGIN_MS + Math.floor((at.getTime() - SLOT_ORIGIN_MS) / length) * length;
  return new Date(start).toISOString();
}
