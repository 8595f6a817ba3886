import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import { parsePort, parseWorkerCount } from './option-parsers.js';

const loadServeModule = () => import('../commands/serve-command.js');

export function defineServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Run the HTTP API (/api/v1, OpenAPI at /api/v1/openapi.json, /healthz, /readyz, /metrics) until SIGINT or SIGTERM',
    )
    .option('--port <port>', 'TCP port (0 picks a free one)', parsePort, 4100)
    .option('--host <host>', 'address to listen on; keep 127.0.0.1 behind a reverse proxy', '127.0.0.1')
    .option('--json', 'print the listening address as one JSON line when ready')
    .option(
      '--workers <n>',
      'server mode (postgres://): jobs this process runs from the queue at once; 0 serves the API only (default 1)',
      parseWorkerCount,
    )
    .addHelpText(
      'after',
      [
        '',
        'Settings (environment):',
        '  limits      TOLLGATE_API_BODY_LIMIT, TOLLGATE_UPLOAD_LIMIT, TOLLGATE_UPLOAD_DIR, TOLLGATE_RATE_LIMIT,',
        '              TOLLGATE_REQUEST_TIMEOUT_MS, TOLLGATE_SHUTDOWN_GRACE_MS, TOLLGATE_TRUST_PROXY',
        '  webhooks    TOLLGATE_{GITHUB,GITLAB,ARGOCD,GENERIC}_WEBHOOK_SECRET, TOLLGATE_GITHUB_API_URL, TOLLGATE_GITHUB_TOKEN',
        '  scheduler   TOLLGATE_SCHEDULER (on|off), TOLLGATE_ALERT_INTERVAL_MINUTES, TOLLGATE_FORECAST_INTERVAL_HOURS,',
        '              TOLLGATE_SCHEDULER_ATTEMPTS, TOLLGATE_SCHEDULER_BACKOFF_MS',
        '  job queue   (server mode) TOLLGATE_JOB_ATTEMPTS, TOLLGATE_JOB_RETRY_DELAY_SECONDS, TOLLGATE_JOB_TIMEOUT_MINUTES,',
        '              TOLLGATE_JOB_LIVENESS_SECONDS, TOLLGATE_JOB_POLL_SECONDS',
        '  other       TOLLGATE_LOG_LEVEL, TOLLGATE_OWNER_TAG',
        '',
        'Logs: JSON lines (pino) on standard output, a request id on each, written in blocks of 4 KB',
        'or at least every second, and flushed when the server stops.',
        '',
        'First admin and token: tollgate users add <name> --role admin; tollgate tokens create --user <name>',
      ].join('\n'),
    )
    .action(lazyAction(loadServeModule, (m) => m.runServe));
}
