import type { Logger } from 'pino';
import type { JobRunner } from '../app/api/job-runner.js';
import type { Scheduler } from '../app/api/run-scheduler.js';
import type { ServerConfig } from '../config/tollgate-config.js';
import type { Stores } from '../ports/stores.js';
import type { ApiMetrics } from './api-metrics.js';

/** What route handlers are given: the stores, settings, job runner and metrics of this server. */
export interface ApiServices {
  stores: Stores;
  /** The same stores with the current catalogue and policy cached briefly, for the gate. */
  cachedStores: Stores;
  config: ServerConfig;
  /** Folder that holds uploads while they wait for ingestion. */
  uploadDir: string;
  jobs: JobRunner;
  /** Alerts, forecasts and allocation after new data; started by tollgate serve. */
  scheduler: Scheduler;
  metrics: ApiMetrics;
  log: Logger;
}
