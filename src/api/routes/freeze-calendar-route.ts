import { z } from 'zod';
import { importFreezeCalendarAudited } from '../../app/governance/audited/freeze-writes.js';
import type { FreezeCalendarResult } from '../../app/governance/gate/import-freeze-calendar.js';
import { freezeSchema } from '../governance-schemas.js';
import { defineRoute } from '../route-spec.js';

/**
 * Freezes from an iCalendar file over HTTP, like tollgate freeze import: the calendar's text in
 * the body, each occurrence in the range a one-off freeze, audited with the token user.
 */
export const freezeCalendarRoute = defineRoute({
  id: 'importFreezeCalendar',
  method: 'POST',
  path: '/api/v1/freezes/import',
  summary:
    'Freeze every event of an iCalendar file (RRULE, EXDATE, TZID read) within a range as one-off freezes of an environment; occurrences already imported are not doubled (audited)',
  tag: 'governance',
  permission: 'governance:write',
  body: z
    .object({
      calendar: z
        .string()
        .min(1)
        .max(2_000_000)
        .describe('the iCalendar text (RFC 5545), BEGIN:VCALENDAR...'),
      source: z
        .string()
        .min(1)
        .max(200)
        .default('upload.ics')
        .describe('a name for the calendar, kept in each freeze reason'),
      environment: z.string().min(1).max(200).describe("an environment of the catalogue, or '*'"),
      from: z.string().max(40).optional().describe('start of the range, ISO-8601 (default now)'),
      until: z
        .string()
        .max(40)
        .optional()
        .describe('end of the range, ISO-8601 (default 366 days after from)'),
      timeZone: z
        .string()
        .min(1)
        .max(100)
        .optional()
        .describe("IANA zone of all-day and floating times (default the policy's zone)"),
    })
    .strict(),
  status: 201,
  response: z.object({
    source: z.string(),
    environment: z.string(),
    range: z.object({ from: z.string(), until: z.string(), timeZone: z.string() }),
    imported: z.array(freezeSchema),
    alreadyPresent: z.number().int(),
    skipped: z.array(z.object({ uid: z.string(), summary: z.string(), why: z.string() })),
  }) satisfies z.ZodType<FreezeCalendarResult>,
  errors: {
    400: 'A bad range or time zone (CALENDAR_BAD_RANGE, TIME_ZONE_UNKNOWN)',
    404: 'Unknown environment (UNKNOWN_ENVIRONMENT)',
    422: 'Not an iCalendar file, no events, an unknown TZID or too many occurrences (CALENDAR_*)',
  },
  handler: async ({ body, principal, actor, services }) =>
    importFreezeCalendarAudited(
      services.stores,
      { actor, principal: principal! },
      {
        text: body.calendar,
        source: body.source,
        environment: body.environment,
        from: body.from,
        until: body.until,
        timeZone: body.timeZone,
      },
      undefined,
      { file: 'calendar' },
    ),
});
