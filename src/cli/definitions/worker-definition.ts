import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import { parseWorkerCount } from './option-parsers.js';

const loadWorkerModule = () => import('../commands/worker-command.js');

export function defineWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'Run jobs (ingest, allocation, alerts, forecasts, re-allocation) from the PostgreSQL job queue until SIGINT or SIGTERM (server mode)',
    )
    .option(
      '--concurrency <n>',
      'jobs this process runs at once (1 to 64); each holds a database connection',
      parseWorkerCount,
      1,
    )
    .option('--json', 'print the start line as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Needs server mode: TOLLGATE_DB=postgres://... (or --db). Workers read uploads from TOLLGATE_UPLOAD_DIR,',
        'the folder the API processes write them to (shared storage when they run on other hosts).',
        'Settings: TOLLGATE_JOB_ATTEMPTS, TOLLGATE_JOB_RETRY_DELAY_SECONDS, TOLLGATE_JOB_TIMEOUT_MINUTES,',
        'TOLLGATE_JOB_LIVENESS_SECONDS, TOLLGATE_JOB_POLL_SECONDS, TOLLGATE_SHUTDOWN_GRACE_MS, TOLLGATE_LOG_LEVEL.',
      ].join('\n'),
    )
    .action(lazyAction(loadWorkerModule, (m) => m.runWorker));
}
