import { TollgateError } from '../../../core/errors.js';
import { type FieldLabels, labelOf } from '../../../core/field-labels.js';
import type { Freeze } from '../../../core/governance/gate/deployment-calendar.js';
import { isIsoTimestamp, normaliseTimestamp } from '../../../core/governance/governance-types.js';
import { requireTimeZone } from '../../../core/time/zoned-time.js';
import {
  type ExpandedCalendar,
  expandFreezeCalendar,
} from '../../../ingest/calendar/expand-freeze-calendar.js';
import type { Stores } from '../../../ports/stores.js';
import { nowOr } from '../governance-context.js';
import { checkFreezeScope } from './manage-freezes.js';

export interface FreezeCalendarImport {
  /** The calendar's text (RFC 5545). */
  text: string;
  /** Where it came from (a file name), kept in each freeze's reason. */
  source: string;
  environment: string;
  /** The range whose occurrences become freezes: default from now for 366 days. */
  from?: string | undefined;
  until?: string | undefined;
  /** Zone of all-day and floating times; default the policy's. */
  timeZone?: string | undefined;
  createdBy: string;
}

export interface FreezeCalendarResult {
  source: string;
  environment: string;
  range: { from: string; until: string; timeZone: string };
  imported: Freeze[];
  /** Occurrences already frozen by an earlier import of the same calendar. */
  alreadyPresent: number;
  skipped: ExpandedCalendar['skipped'];
}

const DEFAULT_RANGE_DAYS = 366;
const MAX_RANGE_DAYS = 3 * 366;

export type CalendarImportLabels = FieldLabels<'from' | 'until' | 'timeZone' | 'file'>;

/**
 * Freezes from an iCalendar file (a change calendar, public holidays): each occurrence in the
 * range becomes a one-off freeze of the environment, all in one transaction with one audited
 * decision-log entry; occurrences an earlier import already froze are counted, not doubled.
 */
export async function importFreezeCalendar(
  stores: Stores,
  input: FreezeCalendarImport,
  at?: string,
  labels: CalendarImportLabels = {},
): Promise<FreezeCalendarResult> {
  const now = nowOr(at);
  const range = readRange(input, now, labels);
  await checkFreezeScope(stores, input.environment);
  const timeZone =
    input.timeZone === undefined
      ? ((await stores.governance.currentPolicy())?.policy.timeZone ?? 'UTC')
      : requireTimeZone(input.timeZone, labelOf(labels, 'timeZone'));
  let expanded: ExpandedCalendar;
  try {
    expanded = expandFreezeCalendar(input.text, { ...range, timeZone });
  } catch (error) {
    if (error instanceof TollgateError)
      throw new TollgateError(
        error.code,
        `${labelOf(labels, 'file')} ${input.source}: ${error.message}`,
        error.kind,
      );
    throw error;
  }
  return stores.transaction(async () => {
    const existing = new Set(
      (await stores.governance.changes.listFreezes()).map(
        (f) => `${f.environment}|${f.from}|${f.until}|${f.reason}`,
      ),
    );
    const imported: Freeze[] = [];
    let alreadyPresent = 0;
    for (const occurrence of expanded.occurrences) {
      const reason = `${occurrence.summary} (calendar ${input.source}, ${occurrence.uid})`;
      const key = `${input.environment}|${occurrence.from}|${occurrence.until}|${reason}`;
      if (existing.has(key)) {
        alreadyPresent += 1;
        continue;
      }
      existing.add(key);
      const freeze: Freeze = {
        id: await stores.governance.changes.nextFreezeId(),
        environment: input.environment,
        from: occurrence.from,
        until: occurrence.until,
        reason,
        createdBy: input.createdBy,
        createdAt: now,
      };
      await stores.governance.changes.insertFreeze(freeze);
      imported.push(freeze);
    }
    const result: FreezeCalendarResult = {
      source: input.source,
      environment: input.environment,
      range: { ...range, timeZone },
      imported,
      alreadyPresent,
      skipped: expanded.skipped,
    };
    await stores.governance.decisions.appendDecision({
      kind: 'freeze.import',
      subject: `calendar:${input.source}`,
      actor: input.createdBy,
      decision: imported.length > 0 ? 'imported' : 'unchanged',
      inputs: { source: input.source, environment: input.environment, range: result.range },
      result: { imported: imported.map((freeze) => freeze.id), alreadyPresent, skipped: expanded.skipped },
    });
    return result;
  });
}

function readRange(
  input: FreezeCalendarImport,
  now: string,
  labels: CalendarImportLabels,
): { from: string; until: string } {
  for (const field of ['from', 'until'] as const) {
    const value = input[field];
    if (value !== undefined && !isIsoTimestamp(value))
      throw new TollgateError(
        'CALENDAR_BAD_RANGE',
        `${labelOf(labels, field)} '${value}' is not an ISO date or time such as 2026-12-01 or 2026-12-01T00:00:00Z.`,
        'usage',
      );
  }
  const from = input.from === undefined ? now : normaliseTimestamp(input.from);
  const until =
    input.until === undefined
      ? new Date(Date.parse(from) + DEFAULT_RANGE_DAYS * 86_400_000).toISOString()
      : normaliseTimestamp(input.until);
  const days = (Date.parse(until) - Date.parse(from)) / 86_400_000;
  if (!(days > 0) || days > MAX_RANGE_DAYS)
    throw new TollgateError(
      'CALENDAR_BAD_RANGE',
      `The range ${from} to ${until} must end after it starts and span at most ${MAX_RANGE_DAYS} days; adjust ${labelOf(labels, 'from')} or ${labelOf(labels, 'until')}.`,
      'usage',
    );
  return { from, until };
}
