import type { FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config/tollgate-config.js';
import { AccessError } from '../core/access/access-error.js';
import { safeEqual } from '../core/access/webhook-signature.js';

/**
 * /metrics access: with TOLLGATE_METRICS_TOKEN set, the scraper must send it as a Bearer token
 * (compared in constant time); unset, /metrics answers anyone who reaches the port, for a
 * scraper on a private network.
 */
export function requireMetricsAccess(config: ServerConfig, request: FastifyRequest): void {
  if (!config.metricsToken) return;
  const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (given === undefined || !safeEqual(given, config.metricsToken))
    throw new AccessError(
      'AUTH_METRICS_TOKEN',
      'This server asks for its metrics token: send Authorization: Bearer <TOLLGATE_METRICS_TOKEN>.',
      401,
    );
}
