import { isTollgateError } from '../../core/errors.js';
import type { JobHandler, JobHandlers } from '../../ports/job-queue.js';
import type { Stores } from '../../ports/stores.js';

import { allocationJobHandler } from './allocation-job.js';
import { type IngestJobHooks, ingestJobHandler } from './ingest-job.js';
import {
  evaluateAlertsNow,
  reallocateOpenPeriods,
  refreshForecasts,
  type ScheduledAlertSettings,
} from './scheduled-work.js';

/** Kinds of the scheduled jobs, as recorded in the job store (GET /api/v1/jobs?kind=scheduled). */
export const SCHEDULED_KINDS = {
  alerts: 'scheduled:alerts',
  forecasts: 'scheduled:forecasts',
  allocation: 'scheduled:allocation',
} as const;

/** A scheduled job with nothing to do (no catalogue, no budgets) is a skip, not a failure. */
export function isNothingToDo(error: unknown): boolean {
  return isTollgateError(error) && (error.kind === 'not-found' || /_MISSING$/.test(error.code));
}

function scheduled(run: (input: Record<string, unknown>) => Promise<unknown>): JobHandler {
  return { run: (request) => run(request.input), isSkip: isNothingToDo };
}

/**
 * Every kind of job, by name. The same handlers run in the embedded in-process queue and in
 * server mode's workers; their input is plain JSON, so a job can be run by any process.
 */
export function buildJobHandlers(
  stores: Stores,
  alerting: ScheduledAlertSettings,
  hooks: IngestJobHooks = {},
): JobHandlers {
  return {
    ingest: ingestJobHandler(stores, hooks),
    allocation: allocationJobHandler(stores),
    [SCHEDULED_KINDS.alerts]: scheduled(() => evaluateAlertsNow(stores, alerting)),
    [SCHEDULED_KINDS.forecasts]: scheduled(() => refreshForecasts(stores)),
    [SCHEDULED_KINDS.allocation]: scheduled((input) =>
      reallocateOpenPeriods(stores, Array.isArray(input.periods) ? input.periods.map(String) : []),
    ),
  };
}
