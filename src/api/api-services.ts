import { dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { WebhookDeliveryBatcher } from '../app/governance/deployments/batch-webhook-deliveries.js';
import { GateRecordBatcher } from '../app/governance/gate/batch-gate-records.js';
import { isServerMode } from '../app/jobs/job-queue-settings.js';
import { openJobServices, type TaskScheduler } from '../app/jobs/open-job-queue.js';
import type { ServerConfig } from '../config/tollgate-config.js';
import type { AuditAnchor } from '../ports/audit-anchor.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { Stores } from '../ports/stores.js';
import type { ApiMetrics } from './api-metrics.js';

/** What route handlers are given: the stores, settings, job queue and metrics of this server. */
export interface ApiServices {
  stores: Stores;
  /** The same stores with the current catalogue and policy cached briefly, for the gate. */
  cachedStores: Stores;
  config: ServerConfig;
  /** Folder that holds uploads while they wait for ingestion (shared with the workers in server mode). */
  uploadDir: string;
  /** Where long work goes: run in this process (embedded mode) or by the workers (server mode). */
  jobs: JobQueue;
  /** Alerts, forecasts and allocation after new data; started by tollgate serve. */
  scheduler: TaskScheduler;
  metrics: ApiMetrics;
  log: Logger;
  /** Writes the records of gate decisions asked at the same time together (over cachedStores). */
  gateRecords: GateRecordBatcher;
  /** Writes the generic webhook deliveries that arrive at the same time together (over cachedStores). */
  webhookDeliveries: WebhookDeliveryBatcher;
  /** The audit log's head kept apart (the signed checkpoint file), written after each change. */
  auditAnchor: AuditAnchor;
}

/** The write batchers of one server, over the stores its gate and webhooks read. */
export function createBatchers(cachedStores: Stores): Pick<ApiServices, 'gateRecords' | 'webhookDeliveries'> {
  return {
    gateRecords: new GateRecordBatcher(cachedStores),
    webhookDeliveries: new WebhookDeliveryBatcher(cachedStores),
  };
}

/**
 * The upload folder: TOLLGATE_UPLOAD_DIR, else tollgate-uploads beside the database file
 * (embedded mode) or in the working folder (server mode, where API processes and workers on
 * one host then share it; across hosts it must be shared storage named by TOLLGATE_UPLOAD_DIR).
 */
export function resolveUploadDir(config: ServerConfig, db: string): string {
  if (config.uploadDir) return resolve(config.uploadDir);
  if (db === ':memory:' || isServerMode(db)) return join(process.cwd(), 'tollgate-uploads');
  return join(dirname(db), 'tollgate-uploads');
}

/**
 * The job queue and scheduler of a server, with job durations and ingest rows in the metrics
 * and failures in the log.
 */
export async function createJobServices(options: {
  stores: Stores;
  config: ServerConfig;
  db: string;
  /** Server mode: jobs this process runs at once (0: the API only). Default 1. */
  workers?: number;
  metrics: ApiMetrics;
  log: Logger;
}): Promise<{ jobs: JobQueue; scheduler: TaskScheduler }> {
  const { metrics, log } = options;
  const { queue, scheduler } = await openJobServices({
    stores: options.stores,
    db: options.db,
    server: options.config,
    workers: options.workers ?? 1,
    events: {
      onFinished: (job) => metrics.jobSeconds.observe({ kind: job.kind, outcome: job.outcome }, job.seconds),
      onError: (job, error) =>
        log.error(
          { jobId: job.id, kind: job.kind, attempt: job.attempt, willRetry: job.willRetry, err: error },
          'job failed',
        ),
    },
    onRows: (rows) => {
      metrics.ingestRows.inc({ outcome: 'loaded' }, rows.loaded);
      metrics.ingestRows.inc({ outcome: 'rejected' }, rows.rejected);
    },
    onScheduledRun: (run) => {
      metrics.jobSeconds.observe({ kind: `scheduled:${run.task}`, outcome: run.outcome }, run.seconds);
      if (run.outcome === 'failed')
        log.error({ task: run.task, attempts: run.attempts, err: run.error }, 'scheduled run failed');
      else log.info({ task: run.task, outcome: run.outcome, attempts: run.attempts }, 'scheduled run done');
    },
    onLog: (level, fields, message) => log[level](fields, message),
  });
  return { jobs: queue, scheduler };
}
