import { TollgateError } from '../../errors.js';
import { type FieldLabels, labelOf } from '../../field-labels.js';
import { describeLocalTime, requireTimeZone } from '../../time/zoned-time.js';
import type { DeploymentWindow } from '../governance-policy.js';
import { isIsoTimestamp, normaliseTimestamp } from '../governance-types.js';
import { cronMatches, nextCronMatch, parseCron } from './cron-expression.js';

/** A freeze: recurring (cron, matching the frozen minutes) or one-off (from..until), per environment ('*' for all). */
export interface Freeze {
  id: string;
  environment: string;
  cron?: string | undefined;
  from?: string | undefined;
  until?: string | undefined;
  reason: string;
  createdBy: string;
  createdAt: string;
  /** The IANA zone a recurring freeze's cron is read in (UTC when absent, as before zones). */
  timeZone?: string | undefined;
}

/** An audited override of freezes and windows: who, why, for how long, for which environment (and service). */
export interface BreakGlass {
  id: string;
  environment: string;
  service?: string | undefined;
  by: string;
  reason: string;
  from: string;
  until: string;
  createdAt: string;
}

/** The fields of a freeze or break-glass its checks name, as the caller names them. */
export type CalendarFieldLabels = FieldLabels<'reason' | 'cron' | 'from' | 'until' | 'by' | 'timeZone'>;

/** Checks a new freeze: a cron that parses, or a one-off span whose end follows its start. */
export function validateFreeze(freeze: Freeze, labels: CalendarFieldLabels = {}): Freeze {
  const [reason, cron, fromField, untilField] = (['reason', 'cron', 'from', 'until'] as const).map((field) =>
    labelOf(labels, field),
  );
  if (!freeze.reason)
    throw new TollgateError('FREEZE_INVALID', `Give the reason for the freeze (${reason}).`, 'usage');
  if (freeze.cron !== undefined) {
    if (freeze.from !== undefined || freeze.until !== undefined) {
      throw new TollgateError(
        'FREEZE_INVALID',
        `A freeze is either recurring (${cron}) or one-off (${fromField} and ${untilField}), not both.`,
        'usage',
      );
    }
    parseCron(freeze.cron);
    if (freeze.timeZone !== undefined) requireTimeZone(freeze.timeZone, labelOf(labels, 'timeZone'));
    return freeze;
  }
  if (freeze.timeZone !== undefined)
    throw new TollgateError(
      'FREEZE_INVALID',
      `${labelOf(labels, 'timeZone')} applies to a recurring freeze (${cron}); a one-off freeze's ${fromField} and ${untilField} carry their own offset, such as 2026-12-24T00:00:00+01:00.`,
      'usage',
    );
  if (freeze.from === undefined || freeze.until === undefined) {
    throw new TollgateError(
      'FREEZE_INVALID',
      `Give ${cron} for a recurring freeze, or both ${fromField} and ${untilField} for a one-off freeze.`,
      'usage',
    );
  }
  for (const [field, value] of [
    [fromField, freeze.from],
    [untilField, freeze.until],
  ] as const) {
    if (!isIsoTimestamp(value))
      throw new TollgateError(
        'FREEZE_INVALID',
        `${field} '${value}' is not an ISO date or time such as 2026-12-20T00:00:00Z.`,
      );
  }
  const from = normaliseTimestamp(freeze.from);
  const until = normaliseTimestamp(freeze.until);
  if (until <= from)
    throw new TollgateError('FREEZE_INVALID', `The freeze ends (${until}) before it starts (${from}).`);
  return { ...freeze, from, until };
}

export function validateBreakGlass(breakGlass: BreakGlass, labels: CalendarFieldLabels = {}): BreakGlass {
  if (!breakGlass.by || !breakGlass.reason) {
    throw new TollgateError(
      'BREAK_GLASS_INVALID',
      `Break-glass records who (${labelOf(labels, 'by')}) and why (${labelOf(labels, 'reason')}); give both.`,
      'usage',
    );
  }
  for (const field of ['from', 'until'] as const) {
    if (!isIsoTimestamp(breakGlass[field]))
      throw new TollgateError(
        'BREAK_GLASS_INVALID',
        `${labelOf(labels, field)} '${breakGlass[field]}' is not an ISO date or time.`,
      );
  }
  const from = normaliseTimestamp(breakGlass.from);
  const until = normaliseTimestamp(breakGlass.until);
  if (until <= from)
    throw new TollgateError(
      'BREAK_GLASS_INVALID',
      'Break-glass must end after it starts; give a positive duration.',
    );
  if (Date.parse(until) - Date.parse(from) > 72 * 3_600_000) {
    throw new TollgateError(
      'BREAK_GLASS_INVALID',
      'Break-glass lasts at most 72 hours; record a new one if more time is needed.',
    );
  }
  return { ...breakGlass, from, until };
}

export function freezeActive(freeze: Freeze, environment: string, at: Date): boolean {
  if (freeze.environment !== '*' && freeze.environment !== environment) return false;
  if (freeze.cron !== undefined) return cronMatches(parseCron(freeze.cron), at, freeze.timeZone ?? 'UTC');
  return Date.parse(freeze.from!) <= at.getTime() && at.getTime() < Date.parse(freeze.until!);
}

export function activeFreezes(freezes: Freeze[], environment: string, at: Date): Freeze[] {
  return freezes.filter((freeze) => freezeActive(freeze, environment, at));
}

export function activeBreakGlass(
  list: BreakGlass[],
  environment: string,
  service: string,
  at: Date,
): BreakGlass | undefined {
  return list.find(
    (item) =>
      (item.environment === '*' || item.environment === environment) &&
      (item.service === undefined || item.service === service) &&
      Date.parse(item.from) <= at.getTime() &&
      at.getTime() < Date.parse(item.until),
  );
}

export interface WindowStatus {
  /** False when the environment has windows and `at` is in none of them. */
  open: boolean;
  /** The environment has no windows: deployments may go any time. */
  unrestricted: boolean;
  nextOpening?: string | undefined;
  /** The zone of the environment's windows (the first window's when they differ): reasons name it. */
  timeZone: string;
}

/**
 * Whether `at` is inside one of the environment's windows, each read on the clock of its own
 * zone (or `defaultZone`, the policy's): a window's minutes that the clock skips never come,
 * those it repeats come twice.
 */
export function checkWindow(
  windows: DeploymentWindow[],
  environment: string,
  at: Date,
  defaultZone = 'UTC',
): WindowStatus {
  const mine = windows
    .filter((window) => window.environment === environment || window.environment === '*')
    .map((window) => ({ cron: parseCron(window.cron), zone: window.timeZone ?? defaultZone }));
  const timeZone = mine[0]?.zone ?? defaultZone;
  if (mine.length === 0) return { open: true, unrestricted: true, timeZone };
  if (mine.some((window) => cronMatches(window.cron, at, window.zone)))
    return { open: true, unrestricted: false, timeZone };
  const next = mine
    .map((window) => nextCronMatch(window.cron, at, undefined, window.zone))
    .filter((date): date is Date => date !== undefined)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  return { open: false, unrestricted: false, nextOpening: next?.toISOString(), timeZone };
}

/** "Friday 2026-03-27 16:05 Europe/Berlin (15:05 UTC)": a moment as the gate's reasons name it. */
export function describeMoment(at: Date, timeZone: string): string {
  if (timeZone === 'UTC') return describeLocalTime(at, 'UTC');
  return `${describeLocalTime(at, timeZone)} (${at.toISOString().slice(11, 16)} UTC)`;
}
