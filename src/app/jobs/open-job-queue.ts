import { InProcessJobQueue } from '../../adapters/jobs/in-process-job-queue.js';
import { PgBossJobQueue } from '../../adapters/postgres/jobs/pg-boss-job-queue.js';
import type { ServerConfig } from '../../config/tollgate-config.js';
import type { JobQueue, JobRunEvents } from '../../ports/job-queue.js';
import type { Stores } from '../../ports/stores.js';
import { buildJobHandlers, SCHEDULED_KINDS } from './job-handlers.js';
import { isServerMode, loadJobQueueSettings } from './job-queue-settings.js';
import { Scheduler, type SchedulerOptions } from './run-scheduler.js';
import { buildScheduledTasks } from './scheduled-tasks.js';

/** The scheduled work as the API sees it: started and stopped with the server, triggered by ingestion. */
export interface TaskScheduler {
  start(): void;
  stop(): Promise<void>;
  /** Asks for a run of a task soon (allocation after new data, with its periods). */
  trigger(name: string, input?: unknown): void;
  /** Settles when no run of this process is in progress (tests). */
  idle(): Promise<void>;
}

export interface JobServices {
  queue: JobQueue;
  scheduler: TaskScheduler;
}

export interface JobServiceOptions {
  stores: Stores;
  /** The database setting: a DuckDB file (embedded mode) or a postgres:// URL (server mode). */
  db: string;
  server: ServerConfig;
  /** Server mode: jobs this process runs at once (0: enqueue only). Embedded mode runs one at a time. */
  workers: number;
  events?: JobRunEvents;
  onRows?(rows: { loaded: number; rejected: number }): void;
  onScheduledRun?: SchedulerOptions['onRun'];
  onLog?(level: 'info' | 'warn' | 'error', fields: Record<string, unknown>, message: string): void;
  env?: NodeJS.ProcessEnv;
}

/**
 * The job queue of this process and the scheduled work.
 * Embedded mode: jobs run in process one at a time and the in-process scheduler runs alerts,
 * forecasts and re-allocation, exactly as `tollgate serve` always has.
 * Server mode: pg-boss on the PostgreSQL database; any process enqueues, `workers` of them run
 * here, scheduled work runs from queue schedules, and re-allocation after new data is queued.
 */
export async function openJobServices(options: JobServiceOptions): Promise<JobServices> {
  const { stores, server } = options;
  const alerting = { allowPrivate: server.webhookAllowPrivate, renewalWindowDays: server.renewalWindowDays };
  if (!isServerMode(options.db)) {
    let scheduler: Scheduler | undefined;
    const handlers = buildJobHandlers(stores, alerting, {
      ...(options.onRows ? { onRows: options.onRows } : {}),
      onNewData: (periods) => scheduler?.trigger('allocation', periods),
    });
    const queue = new InProcessJobQueue(stores.access.jobs, handlers, options.events);
    scheduler = new Scheduler(
      stores,
      buildScheduledTasks(
        stores,
        {
          alertsMs: server.alertIntervalMinutes * 60_000,
          forecastsMs: server.forecastIntervalHours * 3_600_000,
        },
        alerting,
      ),
      {
        attempts: server.schedulerAttempts,
        backoffMs: server.schedulerBackoffMs,
        ...(options.onScheduledRun ? { onRun: options.onScheduledRun } : {}),
      },
    );
    return { queue, scheduler };
  }
  const settings = loadJobQueueSettings(options.env);
  let queue: PgBossJobQueue | undefined;
  const requestAllocation = async (periods: string[]) => {
    for (const period of [...new Set(periods)])
      await queue?.requestScheduled(SCHEDULED_KINDS.allocation, { periods: [period] }, period);
  };
  const handlers = buildJobHandlers(stores, alerting, {
    ...(options.onRows ? { onRows: options.onRows } : {}),
    onNewData: requestAllocation,
  });
  queue = await PgBossJobQueue.open({
    url: options.db,
    jobs: stores.access.jobs,
    handlers,
    concurrency: options.workers,
    attempts: settings.attempts,
    retryDelaySeconds: settings.retryDelaySeconds,
    timeoutSeconds: settings.timeoutMinutes * 60,
    livenessCheckSeconds: settings.livenessCheckSeconds,
    livenessGraceSeconds: Math.max(5, settings.pollingSeconds * 2),
    pollingSeconds: settings.pollingSeconds,
    ...(server.scheduler === 'on'
      ? {
          schedules: {
            alertsMinutes: server.alertIntervalMinutes,
            forecastsMinutes: server.forecastIntervalHours * 60,
          },
        }
      : {}),
    ...(options.events ? { events: options.events } : {}),
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  const scheduler: TaskScheduler = {
    // Queue schedules run in the workers; nothing to start or stop in this process.
    start: () => undefined,
    stop: async () => undefined,
    trigger: (name, input) => {
      if (name !== 'allocation') return;
      const periods = Array.isArray(input) ? input.map(String) : [];
      void requestAllocation(periods).catch((error: unknown) =>
        options.onLog?.('error', { err: error, periods }, 'could not queue re-allocation after new data'),
      );
    },
    idle: async () => undefined,
  };
  return { queue, scheduler };
}
