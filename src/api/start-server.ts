import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config/tollgate-config.js';
import { isTollgateError, TollgateError } from '../core/errors.js';
import type { Stores } from '../ports/stores.js';
import { buildServer } from './build-server.js';

export interface RunningServer {
  address: string;
  app: FastifyInstance;
  /** Stops gracefully: no new connections, in-flight requests finish, jobs finish or are marked interrupted, the database closes. */
  stop(reason: string): Promise<void>;
  /** Settles when the server has stopped. */
  stopped: Promise<void>;
}

/**
 * Starts `tollgate serve`: fails the jobs a previous process left unfinished (embedded mode),
 * listens, starts the scheduler and this process's job workers, and stops gracefully on SIGINT
 * or SIGTERM (a second signal stops at once).
 */
export async function startServer(options: {
  stores: Stores;
  config: ServerConfig;
  dbPath: string;
  host: string;
  port: number;
  version: string;
  /** Server mode: jobs this process runs from the queue (0: the API only). */
  workers?: number;
}): Promise<RunningServer> {
  const { app, services } = await buildServer(options);
  const interrupted = await services.jobs.recoverInterrupted();
  for (const job of interrupted)
    services.log.warn(
      { jobId: job.id, kind: job.kind },
      'job left unfinished by the previous server marked failed',
    );
  let address: string;
  try {
    address = await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await services.jobs.drain(0);
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new TollgateError(
        'SERVE_CANNOT_LISTEN',
        `Cannot listen on ${options.host}:${options.port} (${code === 'EADDRINUSE' ? 'the port is in use' : code === 'EACCES' ? 'permission denied' : 'no such address here'}); choose another --port or --host.`,
        'unavailable',
      );
    }
    throw error;
  }
  if (options.config.scheduler === 'on') services.scheduler.start();
  await services.jobs.startWorkers();
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  let stopping: Promise<void> | undefined;
  const stop = (reason: string) => {
    stopping ??= (async () => {
      services.log.info(
        { reason, runningJobs: services.jobs.running },
        'stopping: no new requests; finishing what is in flight',
      );
      await app.close();
      await services.scheduler.stop();
      const left = await services.jobs.drain(options.config.shutdownGraceMs);
      if (left.length > 0)
        services.log.warn(
          { jobIds: left },
          options.workers === undefined
            ? 'jobs still running at the end of the grace period were marked interrupted'
            : 'jobs still running at the end of the grace period go back to the queue',
        );
      // Server mode: a job still running holds its transaction's connection; the process
      // ending rolls it back, so closing does not wait for it past a few seconds.
      if (left.length > 0 && options.workers !== undefined)
        await Promise.race([options.stores.close(), sleep(5000)]);
      else await options.stores.close();
      services.log.info('stopped');
      resolveStopped();
    })();
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      services.log.warn({ signal }, 'second signal: stopping at once');
      process.exit(1);
    }
    void stop(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  void stopped.then(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });
  return { address, app, stop, stopped };
}

/**
 * Errors after which waiting may help: the database is not there yet, or its migrations are
 * missing with migration on start switched off (an operator's tollgate migrate ends the wait).
 */
function isWorthWaiting(error: unknown): boolean {
  return (
    isTollgateError(error) &&
    (error.code === 'DB_UNREACHABLE' || error.code === 'DB_STARTING' || error.code === 'DB_NOT_MIGRATED')
  );
}

/**
 * Opens the stores of server mode, waiting for a database that is not reachable yet: the error
 * is logged with what to check, the attempt repeated with backoff (1 s doubling to 30 s), and,
 * when `placeholder` is given, the port answers meanwhile: /healthz live, /readyz 503 NOT_READY
 * with the reason, everything else 503, so a load balancer keeps the process out of rotation.
 * Errors that waiting cannot fix (credentials, no such database) end the attempt at once.
 */
export async function openWhenReachable<T>(options: {
  open: () => Promise<T>;
  log: (fields: Record<string, unknown>, message: string) => void;
  placeholder?: { host: string; port: number; onListening?(address: string): void };
  /** Give up after this long (ms); default: never. */
  giveUpMs?: number;
}): Promise<{ value: T; port?: number }> {
  let holder: FastifyInstance | undefined;
  let reason = '';
  let delay = 1000;
  const deadline = options.giveUpMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.giveUpMs;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const value = await options.open();
        const port = holder ? (holder.server.address() as AddressInfo | null)?.port : undefined;
        return port === undefined ? { value } : { value, port };
      } catch (error) {
        if (!isWorthWaiting(error) || Date.now() + delay > deadline) throw error;
        reason = (error as Error).message;
        options.log({ attempt, retryInMs: delay, reason }, 'database not reachable yet; retrying');
      }
      if (options.placeholder && !holder) {
        holder = Fastify({ logger: false });
        holder.get('/healthz', async () => ({ status: 'ok' }));
        holder.setNotFoundHandler(async (request, reply) =>
          reply.status(503).send({
            error: {
              code: request.url.startsWith('/readyz') ? 'NOT_READY' : 'DB_UNREACHABLE',
              message: `Not ready: ${reason}`,
            },
          }),
        );
        const address = await holder.listen({
          host: options.placeholder.host,
          port: options.placeholder.port,
        });
        options.placeholder.onListening?.(address);
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 30_000);
    }
  } finally {
    await holder?.close();
  }
}
