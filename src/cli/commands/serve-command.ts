import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { packageRootPath } from '../../adapters/package-root.js';
import { startServer } from '../../api/start-server.js';
import { openTollgate } from '../../app/open-tollgate.js';
import { loadConfig } from '../../config/tollgate-config.js';
import type { GlobalOptions } from '../cli-context.js';

function port(text: string): number {
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
    .option('--port <port>', 'TCP port (0 picks a free one)', port, 4100)
    .option('--host <host>', 'address to listen on; keep 127.0.0.1 behind a reverse proxy', '127.0.0.1')
    .option('--json', 'print the listening address as one JSON line when ready')
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
        '  other       TOLLGATE_LOG_LEVEL, TOLLGATE_OWNER_TAG',
        '',
        'First admin and token: tollgate users add <name> --role admin; tollgate tokens create --user <name>',
      ].join('\n'),
    )
    .action(async (flags: { port: number; host: string; json?: boolean }, command: Command) => {
      const config = loadConfig({ db: command.optsWithGlobals<GlobalOptions>().db });
      const stores = await openTollgate(config);
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
          port: flags.port,
          version,
        });
      } catch (error) {
        await stores.close();
        throw error;
      }
      if (flags.json) process.stderr.write(`${JSON.stringify({ listening: server.address })}\n`);
      else process.stderr.write(`Tollgate API listening at ${server.address} (stop with Ctrl-C)\n`);
      await server.stopped;
    });
}
