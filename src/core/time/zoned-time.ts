import { TollgateError } from '../errors.js';

/** A wall-clock reading in one time zone; month 1-12, weekday 0 (Sunday) to 6. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters are slow to build and safe to share: one per zone. */
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a zone the runtime's time-zone database knows (IANA names such as Europe/Berlin, and UTC). */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '' || name !== name.trim()) return false;
  try {
    formatterOf(name);
    return true;
  } catch {
    return false;
  }
}

/** Refuses a zone name that is not in the time-zone database, naming the field as the caller does. */
export function requireTimeZone(name: string, field: string): string {
  if (!isTimeZone(name))
    throw new TollgateError(
      'TIME_ZONE_UNKNOWN',
      `${field} '${name}' is not a time zone; give an IANA name such as Europe/Berlin, America/New_York or UTC.`,
      'usage',
    );
  return name;
}

/** The wall-clock time in `timeZone` at the instant `at`. */
export function localTimeAt(at: Date, timeZone: string): LocalTime {
  if (timeZone === 'UTC')
    return {
      year: at.getUTCFullYear(),
      month: at.getUTCMonth() + 1,
      day: at.getUTCDate(),
      hour: at.getUTCHours(),
      minute: at.getUTCMinutes(),
      second: at.getUTCSeconds(),
      weekday: at.getUTCDay(),
    };
  const parts: Record<string, string> = {};
  for (const part of formatterOf(timeZone).formatToParts(at)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

/** How far the zone's clock is ahead of UTC at `at`, in milliseconds (whole seconds). */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const local = localTimeAt(at, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

export type WallTime = Omit<LocalTime, 'weekday'>;

/**
 * The instant a wall-clock time names in a zone, by RFC 5545's rule (section 3.3.5):
 * 1. read the zone's offsets a day before and a day after (no zone changes twice in two days);
 * 2. each offset gives a candidate instant; keep those whose local time is the wall time;
 * 3. two candidates (the hour the clock repeats): the earlier; one: it;
 * 4. none (the hour the clock skips): the wall time read with the offset before the gap, so
 *    02:30 on a night that jumps from 02:00 to 03:00 is 03:30.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  if (timeZone === 'UTC') return new Date(asUtc);
  const before = zoneOffsetMs(new Date(asUtc - 86_400_000), timeZone);
  const after = zoneOffsetMs(new Date(asUtc + 86_400_000), timeZone);
  const matches = [...new Set([asUtc - before, asUtc - after])]
    .filter((candidate) => {
      const local = localTimeAt(new Date(candidate), timeZone);
      return (
        local.year === wall.year &&
        local.month === wall.month &&
        local.day === wall.day &&
        local.hour === wall.hour &&
        local.minute === wall.minute
      );
    })
    .sort((a, b) => a - b);
  return new Date(matches[0] ?? asUtc - before);
}

const pad = (value: number) => String(value).padStart(2, '0');
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Friday 2026-03-27 16:05 Europe/Berlin": how a reason names a moment where people live. */
export function describeLocalTime(at: Date, timeZone: string): string {
  const local = localTimeAt(at, timeZone);
  return `${DAY_NAMES[local.weekday]} ${local.year}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:${pad(local.minute)} ${timeZone}`;
}
