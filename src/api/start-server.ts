import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config/tollgate-config.js';
import { TollgateError } from '../core/errors.js';
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
 * Starts `tollgate serve`: fails the jobs a previous process left unfinished, listens, and
 * stops gracefully on SIGINT or SIGTERM (a second signal stops at once).
 */
export async function startServer(options: {
  stores: Stores;
  config: ServerConfig;
  dbPath: string;
  host: string;
  port: number;
  version: string;
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
          'jobs still running at the end of the grace period were marked interrupted',
        );
      await options.stores.close();
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
