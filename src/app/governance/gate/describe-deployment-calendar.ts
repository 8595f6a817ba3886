import { TollgateError } from '../../../core/errors.js';
import { type FieldLabels, labelOf } from '../../../core/field-labels.js';
import {
  activeBreakGlass,
  activeFreezes,
  checkWindow,
  freezeActive,
} from '../../../core/governance/gate/deployment-calendar.js';
import { isIsoTimestamp, normaliseTimestamp } from '../../../core/governance/governance-types.js';
import { describeLocalTime } from '../../../core/time/zoned-time.js';
import type { Stores } from '../../../ports/stores.js';

/** Whether deployments to one environment may go at the calendar's moment, and why not. */
export interface EnvironmentAtMoment {
  environment: string;
  /** Ids of the freezes in force. */
  frozenBy: string[];
  windowOpen: boolean;
  /** No deployment window is configured for the environment. */
  unrestricted: boolean;
  nextOpening: string | null;
  /** The zone the environment's windows are read in. */
  timeZone: string;
  /** `at` on that zone's clock, such as "Friday 2026-03-27 16:05 Europe/Berlin". */
  localTime: string;
  /** The break-glass record that lifts the environment's freezes and windows, if any. */
  breakGlass: string | null;
  mayDeploy: boolean;
}

/** The deployment calendar at one moment: what the on-call view shows as "in force". */
export interface DeploymentCalendar {
  at: string;
  environments: EnvironmentAtMoment[];
  freezes: {
    id: string;
    environment: string;
    cron: string | null;
    from: string | null;
    until: string | null;
    reason: string;
    createdBy: string;
    createdAt: string;
    timeZone: string;
    activeNow: boolean;
  }[];
  windows: { environment: string; cron: string; timeZone: string }[];
  breakGlass: {
    id: string;
    environment: string;
    service: string | null;
    by: string;
    reason: string;
    from: string;
    until: string;
    activeNow: boolean;
  }[];
}

/**
 * Freezes, deployment windows and break-glass records, and for every environment (of the
 * catalogue, or named by a freeze or window) whether deployments may go at `at` (default now).
 */
export async function describeDeploymentCalendar(
  stores: Stores,
  atText: string | undefined,
  labels: FieldLabels<'at'> = {},
): Promise<DeploymentCalendar> {
  if (atText !== undefined && !isIsoTimestamp(atText)) {
    throw new TollgateError(
      'CALENDAR_BAD_TIME',
      `${labelOf(labels, 'at')} '${atText}' is not a time; write an ISO date or date-time such as 2025-12-24 or 2025-12-24T09:30:00Z.`,
      'usage',
    );
  }
  const at = atText === undefined ? new Date().toISOString() : normaliseTimestamp(atText);
  const moment = new Date(at);
  const [freezes, breakGlass, policy, catalog] = await Promise.all([
    stores.governance.changes.listFreezes(),
    stores.governance.changes.listBreakGlass(),
    stores.governance.currentPolicy(),
    stores.catalog.currentCatalog(),
  ]);
  const defaultZone = policy?.policy.timeZone ?? 'UTC';
  const windows = (policy?.policy.windows ?? []).map((window) => ({
    environment: window.environment,
    cron: window.cron,
    timeZone: window.timeZone ?? defaultZone,
  }));
  // Every environment the catalogue knows, and any other a freeze or window names.
  const names = new Set<string>(catalog?.catalog.environments.map((environment) => environment.id) ?? []);
  for (const item of [...freezes, ...windows]) if (item.environment !== '*') names.add(item.environment);
  const environments = [...names].sort().map((environment): EnvironmentAtMoment => {
    const frozenBy = activeFreezes(freezes, environment, moment).map((freeze) => freeze.id);
    const window = checkWindow(policy?.policy.windows ?? [], environment, moment, defaultZone);
    // Break-glass for the whole environment (not one service) lifts its freezes and windows.
    const glass = activeBreakGlass(
      breakGlass.filter((item) => item.service === undefined),
      environment,
      '',
      moment,
    );
    return {
      environment,
      frozenBy,
      windowOpen: window.open,
      unrestricted: window.unrestricted,
      nextOpening: window.nextOpening ?? null,
      timeZone: window.timeZone,
      localTime: describeLocalTime(moment, window.timeZone),
      breakGlass: glass?.id ?? null,
      mayDeploy: glass !== undefined || (frozenBy.length === 0 && window.open),
    };
  });
  return {
    at,
    environments,
    freezes: freezes.map((freeze) => ({
      id: freeze.id,
      environment: freeze.environment,
      cron: freeze.cron ?? null,
      from: freeze.from ?? null,
      until: freeze.until ?? null,
      reason: freeze.reason,
      createdBy: freeze.createdBy,
      createdAt: freeze.createdAt,
      timeZone: freeze.timeZone ?? 'UTC',
      activeNow: freezeActive(freeze, freeze.environment, moment),
    })),
    windows,
    breakGlass: breakGlass.map((item) => ({
      id: item.id,
      environment: item.environment,
      service: item.service ?? null,
      by: item.by,
      reason: item.reason,
      from: item.from,
      until: item.until,
      activeNow: Date.parse(item.from) <= moment.getTime() && moment.getTime() < Date.parse(item.until),
    })),
  };
}
