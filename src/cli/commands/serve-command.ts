import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { packageRootPath } from '../../adapters/package-root.js';
import { openWhenReachable, startServer } from '../../api/start-server.js';
import { isServerMode } from '../../app/jobs/job-queue-settings.js';
import { openTollgate } from '../../app/open-tollgate.js';
import { loadConfig, type TollgateConfig } from '../../config/tollgate-config.js';
import { TollgateError } from '../../core/errors.js';
import type { GlobalOptions } from '../cli-context.js';

export async function runServe(
  flags: { port: number; host: string; json?: boolean; workers?: number },
  command: Command,
) {
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
  announce({ listening: server.address }, `Tollgate API listening at ${server.address} (stop with Ctrl-C)`);
  await server.stopped;
}

/** One connection attempt per try: openWhenReachable does the waiting (and answers /readyz meanwhile). */
function tryOnce(config: TollgateConfig): TollgateConfig {
  return { ...config, postgres: { ...config.postgres, connectRetryMs: 0 } };
}
