import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { pino } from 'pino';
import { createApiMetrics } from '../../api/api-metrics.js';
import { createJobServices } from '../../api/api-services.js';
import { openWhenReachable } from '../../api/start-server.js';
import { isServerMode } from '../../app/jobs/job-queue-settings.js';
import { openTollgate } from '../../app/open-tollgate.js';
import { loadConfig, type TollgateConfig } from '../../config/tollgate-config.js';
import { TollgateError } from '../../core/errors.js';
import type { GlobalOptions } from '../cli-context.js';
/**
 * `tollgate worker`: runs jobs from server mode's queue until SIGINT or SIGTERM, then lets the
 * running ones finish (up to TOLLGATE_SHUTDOWN_GRACE_MS); those that do not are retried by
 * another worker.
 */
export async function runWorker(flags: { concurrency: number; json?: boolean }, command: Command) {
  const config = loadConfig({ db: command.optsWithGlobals<GlobalOptions>().db });
  if (!isServerMode(config.db)) {
    throw new TollgateError(
      'WORKER_NEEDS_SERVER_MODE',
      'tollgate worker runs jobs from the PostgreSQL queue of server mode; set TOLLGATE_DB (or --db) to a postgres:// URL. In embedded mode tollgate serve runs jobs itself.',
      'usage',
    );
  }
  if (flags.concurrency < 1) {
    throw new TollgateError(
      'WORKER_CONCURRENCY_INVALID',
      'A worker runs at least one job at a time; write --concurrency 1 or more.',
      'usage',
    );
  }
  const log = pino({
    level: config.server.logLevel,
    base: { service: 'tollgate-worker' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  const { value: stores } = await openWhenReachable({
    open: () => openTollgate(tryOnce(config)),
    log: (fields, message) => log.warn(fields, message),
  });
  let jobs: Awaited<ReturnType<typeof createJobServices>>['jobs'];
  try {
    ({ jobs } = await createJobServices({
      stores,
      config: config.server,
      db: config.db,
      workers: flags.concurrency,
      metrics: createApiMetrics(),
      log,
    }));
    await jobs.startWorkers();
  } catch (error) {
    await stores.close();
    throw error;
  }
  log.info({ concurrency: flags.concurrency }, 'worker started');
  process.stderr.write(
    flags.json
      ? `${JSON.stringify({ worker: 'started', pid: process.pid, concurrency: flags.concurrency })}\n`
      : `Tollgate worker running ${flags.concurrency} job(s) at a time (stop with Ctrl-C)\n`,
  );
  await new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        log.warn({ signal }, 'second signal: stopping at once');
        process.exit(1);
      }
      stopping = true;
      void (async () => {
        log.info({ signal, runningJobs: jobs.running }, 'stopping: no new jobs; finishing those running');
        const left = await jobs.drain(config.server.shutdownGraceMs);
        if (left.length > 0) {
          // Their transactions hold connections; ending the process ends them (rolled back).
          log.warn(
            { jobIds: left },
            'jobs still running at the end of the grace period go back to the queue',
          );
          await Promise.race([stores.close(), sleep(5000)]);
          log.info('stopped');
          process.exit(0);
        }
        await stores.close();
        log.info('stopped');
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolve();
      })();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** One connection attempt per try: openWhenReachable does the waiting (and answers /readyz meanwhile). */
function tryOnce(config: TollgateConfig): TollgateConfig {
  return { ...config, postgres: { ...config.postgres, connectRetryMs: 0 } };
}
