import ICAL from 'ical.js';
import { TollgateError } from '../../core/errors.js';
import { instantOfWallTime, isTimeZone } from '../../core/time/zoned-time.js';

/** One frozen span read from a calendar: an event, or one occurrence of a recurring event. */
export interface CalendarOccurrence {
  uid: string;
  summary: string;
  from: string;
  until: string;
}

export interface ExpandedCalendar {
  occurrences: CalendarOccurrence[];
  /** Events that freeze nothing in the range, and why (no end, cancelled...). */
  skipped: { uid: string; summary: string; why: string }[];
}

export interface CalendarRange {
  /** Occurrences that overlap from..until (ISO instants) are kept. */
  from: string;
  until: string;
  /** The zone of all-day and floating times (public holidays are local days). */
  timeZone: string;
}

/** More occurrences than this in one import is a mistake (a minutely rule, a range of decades). */
export const MAX_CALENDAR_OCCURRENCES = 5000;
/** Rules are walked at most this far, however few occurrences fall in the range. */
const MAX_RULE_STEPS = 200_000;

type IcalTime = InstanceType<typeof ICAL.Time>;

function refuse(code: string, message: string): TollgateError {
  return new TollgateError(code, message, 'invalid-input');
}

/**
 * Reads an iCalendar file (RFC 5545) into the spans it freezes within a range:
 * 1. parse with ical.js; every VEVENT that is not CANCELLED counts;
 * 2. expand each event's RRULE/RDATE/EXDATE with ical.js's recurrence iterator, walking its
 *    wall-clock times until they pass the range;
 * 3. turn each wall time into an instant by its TZID: an IANA name through the runtime's zone
 *    database, any other name through the file's own VTIMEZONE, UTC (`Z`) as is, and all-day
 *    or floating times in the range's zone;
 * 4. drop occurrences excluded by an EXDATE at the same instant (whatever zone it is written
 *    in), and keep those that overlap the range.
 */
export function expandFreezeCalendar(text: string, range: CalendarRange): ExpandedCalendar {
  const calendar = parseCalendar(text);
  const zones = new Map<string, InstanceType<typeof ICAL.Timezone>>();
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    const tzid = zone.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string') zones.set(tzid, new ICAL.Timezone(zone));
  }
  const events = calendar.getAllSubcomponents('vevent');
  if (events.length === 0)
    throw refuse(
      'CALENDAR_EMPTY',
      'The calendar has no events (VEVENT); export the freeze or holiday calendar again as an .ics file with its events.',
    );
  const start = Date.parse(range.from);
  const end = Date.parse(range.until);
  const result: ExpandedCalendar = { occurrences: [], skipped: [] };
  for (const component of events) {
    const event = new ICAL.Event(component);
    const uid = event.uid ?? '(no UID)';
    const summary = (event.summary ?? '').trim() || 'calendar freeze';
    const dtstart = component.getFirstProperty('dtstart');
    if (!dtstart)
      throw refuse(
        'CALENDAR_INVALID',
        `Event ${uid} (${summary}) has no DTSTART; every event needs a start.`,
      );
    if (String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') {
      result.skipped.push({ uid, summary, why: 'cancelled' });
      continue;
    }
    const zoneOf = zoneResolver(event.startDate, tzidOf(dtstart), zones, range.timeZone, uid);
    const excluded = new Set<number>();
    for (const property of component.getAllProperties('exdate'))
      for (const value of property.getValues() as IcalTime[])
        excluded.add(toInstant(value, zoneResolver(value, tzidOf(property), zones, range.timeZone, uid)));
    let kept = 0;
    const iterator = event.iterator();
    for (let step = 0; ; step++) {
      if (step >= MAX_RULE_STEPS)
        throw refuse(
          'CALENDAR_TOO_MANY',
          `Event ${uid} (${summary}) repeats more than ${MAX_RULE_STEPS} times before the end of the range; end the range earlier.`,
        );
      const next = iterator.next();
      if (!next) break;
      const details = event.getOccurrenceDetails(next);
      const from = toInstant(details.startDate, zoneOf);
      if (from >= end) break;
      const until = toInstant(details.endDate, zoneOf);
      if (until <= start || excluded.has(from)) continue;
      if (until <= from) {
        result.skipped.push({ uid, summary, why: 'it has no length (no DTEND or DURATION)' });
        break;
      }
      result.occurrences.push({
        uid,
        summary,
        from: new Date(from).toISOString(),
        until: new Date(until).toISOString(),
      });
      kept += 1;
      if (result.occurrences.length > MAX_CALENDAR_OCCURRENCES)
        throw refuse(
          'CALENDAR_TOO_MANY',
          `The calendar freezes more than ${MAX_CALENDAR_OCCURRENCES} spans in the range; import a shorter range.`,
        );
    }
    if (kept === 0 && !result.skipped.some((item) => item.uid === uid))
      result.skipped.push({ uid, summary, why: 'no occurrence in the range' });
  }
  return result;
}

function parseCalendar(text: string): InstanceType<typeof ICAL.Component> {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    throw refuse(
      'CALENDAR_INVALID',
      `The file is not an iCalendar file: ${(error as Error).message}. Export the calendar as .ics (text starting BEGIN:VCALENDAR).`,
    );
  }
  // A file of several calendars parses to a list; one calendar is what a freeze import reads.
  const calendar = new ICAL.Component(
    (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed[0] : parsed) as never,
  );
  if (calendar.name !== 'vcalendar')
    throw refuse(
      'CALENDAR_INVALID',
      `The file holds a ${calendar.name.toUpperCase()}, not a VCALENDAR; export the calendar as .ics.`,
    );
  return calendar;
}

type ZoneOf = (time: IcalTime) => number;

/** The TZID parameter of a DTSTART or EXDATE, if it has one. */
function tzidOf(property: InstanceType<typeof ICAL.Property>): string | undefined {
  const tzid = property.getParameter('tzid');
  return typeof tzid === 'string' ? tzid : undefined;
}

/** How one event's wall times become instants: returns the zone's offset in ms at a wall time. */
function zoneResolver(
  time: IcalTime,
  tzid: string | undefined,
  zones: Map<string, InstanceType<typeof ICAL.Timezone>>,
  fallbackZone: string,
  uid: string,
): ZoneOf {
  if (time.zone === ICAL.Timezone.utcTimezone || tzid === 'UTC') return () => 0;
  if (time.isDate || !tzid) return (wall) => offsetIn(wall, fallbackZone);
  if (isTimeZone(tzid)) return (wall) => offsetIn(wall, tzid);
  const defined = zones.get(tzid);
  if (defined) return (wall) => defined.utcOffset(wall) * 1000;
  throw refuse(
    'CALENDAR_UNKNOWN_TZID',
    `Event ${uid} uses TZID '${tzid}', which is neither an IANA time zone nor defined by a VTIMEZONE in the file; export the calendar with its time zones.`,
  );
}

function wallUtc(time: IcalTime): number {
  return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
}

function offsetIn(time: IcalTime, zone: string): number {
  const wall = {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.hour,
    minute: time.minute,
    second: time.second,
  };
  return wallUtc(time) - instantOfWallTime(wall, zone).getTime();
}

/** An all-day time reads as the start of its day (ical.js keeps its hour at 0). */
function toInstant(time: IcalTime, zoneOf: ZoneOf): number {
  return wallUtc(time) - zoneOf(time);
}
