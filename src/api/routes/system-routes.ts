import { z } from 'zod';
import { checkReadiness } from '../../app/health/check-readiness.js';
import { TollgateError } from '../../core/errors.js';
import { requireMetricsAccess } from '../metrics-access.js';
import { defineRoute } from '../route-spec.js';

export const systemRoutes = [
  defineRoute({
    id: 'getHealth',
    method: 'GET',
    path: '/healthz',
    summary: 'Liveness: the process answers',
    tag: 'system',
    permission: 'public',
    response: z.object({ status: z.literal('ok') }),
    handler: async () => ({ status: 'ok' as const }),
  }),
  defineRoute({
    id: 'getReadiness',
    method: 'GET',
    path: '/readyz',
    summary: 'Readiness: the database answers and every migration is applied',
    tag: 'system',
    permission: 'public',
    response: z.object({ status: z.literal('ready'), schemaVersion: z.number().int() }),
    errors: { 503: 'Not ready (NOT_READY): the database is unreachable or migrations are missing' },
    handler: async ({ services }) => {
      const readiness = await checkReadiness(services.stores);
      if (!readiness.ready) throw new TollgateError('NOT_READY', readiness.reason, 'unavailable');
      return { status: 'ready' as const, schemaVersion: readiness.schemaVersion };
    },
  }),
  defineRoute({
    id: 'getMetrics',
    method: 'GET',
    path: '/metrics',
    summary:
      'Prometheus metrics: requests and latencies by route, job durations, ingest rows, gate decisions',
    tag: 'system',
    permission: 'public',
    raw: true,
    response: z.string(),
    handler: async ({ services, reply, request }) => {
      requireMetricsAccess(services.config, request);
      reply.header('content-type', services.metrics.registry.contentType);
      await reply.send(await services.metrics.registry.metrics());
      return undefined;
    },
  }),
];
