import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { packageRootPath } from '../../adapters/package-root.js';
import { openWhenReachable, startServer } from '../../api/start-server.js';
import { isServerMode } from '../../app/jobs/job-queue-settings.js';
import { openTollgate } from '../../app/open-tollgate.js';
import { loadConfig, type TollgateConfig } from '../../config/tollgate-config.js';
import { TollgateError } from '../../core/errors.js';
import type { GlobalOptions } from '../cli-context.js';

/** A TCP port from the command line (also `tollgate demo --serve --port`). */
export function parsePort(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new InvalidArgumentError('write a port from 0 to 65535.');
  return value;
}

export function registerServeCommand(program: Command): void {
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
    .action(
      async (flags: { port: number; host: string; json?: boolean; workers?: number }, command: Command) => {
        const config = loadConfig({ db: command.optsWithGlobals<GlobalOptions>().db });
        const serverMode = isServerMode(config.db);
        if (flags.workers !== undefined && !serverMode) {
          throw new TollgateError(
            'SERVE_WORKERS_NEED_SERVER_MODE',
            '--workers applies to server mode (--db postgres://...); in embedded mode tollgate serve runs jobs itself, one at a time. Leave --workers out.',
            'usage',
          );
        }
        const announce = (line: Record<string, unknown>, text: string) =>
          process.stderr.write(flags.json ? `${JSON.stringify(line)}\n` : `${text}\n`);
        // Server mode waits for an unreachable database, answering /readyz with 503 meanwhile.
        const opened = serverMode
          ? await openWhenReachable({
              open: () => openTollgate(tryOnce(config)),
              log: (fields, message) =>
                announce({ waiting: message, ...fields }, `${message}: ${String(fields.reason)}`),
              placeholder: {
                host: flags.host,
                port: flags.port,
                onListening: (address) =>
                  announce(
                    { notReady: address },
                    `Answering ${address}/readyz with 503 until the database is reachable`,
                  ),
              },
            })
          : { value: await openTollgate(config) };
        const stores = opened.value;
        const { version } = JSON.parse(readFileSync(packageRootPath('package.json'), 'utf8')) as {
          version: string;
        };
        let server: Awaited<ReturnType<typeof startServer>>;
        try {
          server = await startServer({
            stores,
            config: config.server,
            dbPath: config.db,
            host: flags.host,
            port: opened.port ?? flags.port,
            version,
            ...(serverMode ? { workers: flags.workers ?? 1 } : {}),
          });
        } catch (error) {
          await stores.close();
          throw error;
        }
        announce(
          { listening: server.address },
          `Tollgate API listening at ${server.address} (stop with Ctrl-C)`,
        );
        await server.stopped;
      },
    );
}

/** How many jobs a process runs at once: 0 to 64. */
export function parseWorkerCount(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > 64)
    throw new InvalidArgumentError('write a whole number of workers from 0 to 64.');
  return value;
}

/** One connection attempt per try: openWhenReachable does the waiting (and answers /readyz meanwhile). */
function tryOnce(config: TollgateConfig): TollgateConfig {
  return { ...config, postgres: { ...config.postgres, connectRetryMs: 0 } };
}
