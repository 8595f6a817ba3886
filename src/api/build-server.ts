import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { type DestinationStream, pino } from 'pino';
import type { z } from 'zod';
import { openAuditAnchor } from '../adapters/audit/file-audit-anchor.js';
import type { Principal } from '../app/access/authenticate-token.js';
import type { Actor } from '../app/audit/record-audit.js';
import { anchorAuditHead } from '../app/audit/verify-audit-log.js';
import type { ServerConfig } from '../config/tollgate-config.js';
import { requirePermission } from '../core/access/require-permission.js';
import { TollgateError } from '../core/errors.js';
import type { Stores } from '../ports/stores.js';
import { createApiMetrics } from './api-metrics.js';
import { type ApiServices, createBatchers, createJobServices, resolveUploadDir } from './api-services.js';
import { registerBusinessGauges } from './business-gauges.js';
import { cacheGateState } from './cached-stores.js';
import type { ErrorBody } from './http-errors.js';
import { bufferedStdout } from './log-destination.js';
import { createReadLane, READ_LANE_SLOTS, type ReadLane } from './read-lane.js';
import { refuseNulCharacters } from './refuse-nul-characters.js';
import type { AnyRoute } from './route-spec.js';
import { buildRouteTable } from './route-table.js';
import { securityHeaders } from './security-headers.js';
import { sendError } from './send-error.js';
import { authenticateRequest } from './session-cookie.js';
import { registerUploadParsers } from './upload-file.js';
import { registerWebRoutes } from './web-routes.js';
import { BAD_JSON, WEBHOOK_PREFIX } from './webhook-body.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    rawBody: Buffer | undefined;
  }
}

export interface ServerOptions {
  stores: Stores;
  config: ServerConfig;
  /** The database path or postgres:// URL (the upload folder goes beside a database file by default). */
  dbPath: string;
  /** Server mode: jobs this process runs (0: the API only); embedded mode runs them in process. */
  workers?: number;
  /** Where JSON log lines go (standard output unless given). */
  logStream?: DestinationStream;
  /**
   * Keep the gate's state in memory (see cached-stores). Only safe when this process is the
   * database's only writer; default: yes for an embedded file, no for a PostgreSQL URL.
   */
  cacheGateState?: boolean;
  /** Check every answer against its route's response schema (tests). */
  validateResponses?: boolean;
  version?: string;
}

export interface TollgateServer {
  app: FastifyInstance;
  services: ApiServices;
  routes: AnyRoute[];
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** Health and metrics are polled by machines; they are neither rate limited nor authenticated. */
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Secrets that must never reach a log line, wherever a serializer might put them. */
const REDACTED = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-hub-signature-256"]',
  'req.headers["x-gitlab-token"]',
  'req.headers["x-tollgate-signature"]',
  'req.headers["x-argocd-token"]',
  'headers.authorization',
  'token',
  'secret',
  'password',
];

export async function buildServer(options: ServerOptions): Promise<TollgateServer> {
  const { stores, config } = options;
  const log = pino(
    {
      level: config.logLevel,
      redact: { paths: REDACTED, censor: '[redacted]' },
      base: { service: 'tollgate' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.logStream ?? bufferedStdout(),
  );
  // Typed as Fastify's logger, so the instance is the FastifyInstance every route registers on.
  const fastifyLog: FastifyBaseLogger = log;
  const app = Fastify({
    loggerInstance: fastifyLog,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: config.bodyLimitBytes,
    ...(config.trustProxy.trim() === ''
      ? {}
      : {
          trustProxy: config.trustProxy
            .split(',')
            .map((entry) => entry.trim())
            .filter(Boolean),
        }),
    // A client that sends nothing for this long (or never finishes its headers) is cut off;
    // no request, not even an upload, may take longer than the upload timeout (Node answers 408).
    connectionTimeout: config.requestTimeoutMs,
    requestTimeout: Math.max(config.requestTimeoutMs, config.uploadTimeoutMs),
    http: {
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs),
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // An over-long or badly encoded path gets the same error body as every other refusal.
    frameworkErrors: sendError,
  });
  const metrics = createApiMetrics();
  registerBusinessGauges(metrics.registry, stores);
  const { jobs, scheduler } = await createJobServices({
    stores,
    config,
    db: options.dbPath,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    metrics,
    log,
  });
  const embedded = !/^postgres(ql)?:\/\//i.test(options.dbPath);
  const cachedStores = (options.cacheGateState ?? embedded) ? cacheGateState(stores).cachedStores : stores;
  const services: ApiServices = {
    stores,
    cachedStores,
    ...createBatchers(cachedStores),
    config,
    uploadDir: resolveUploadDir(config, options.dbPath),
    jobs,
    scheduler,
    metrics,
    log,
    auditAnchor: openAuditAnchor(config, options.dbPath),
  };
  anchorAuditHeadAfterChanges(app, services);
  const routes = buildRouteTable(options.version ?? '0.0.0');

  app.decorateRequest('principal', null);
  app.decorateRequest('rawBody', undefined);
  const headers = securityHeaders();
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
  await app.register(rateLimit, {
    global: true,
    // After authentication, so the limit belongs to the token that was verified, not to a
    // token id anyone could put in a header.
    hook: 'preHandler',
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) =>
      request.principal ? `token:${request.principal.tokenId}` : `address:${request.ip}`,
    allowList: (request) => UNLIMITED_PATHS.has(request.url.split('?')[0]!),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `Too many requests: at most ${context.max} a minute for this token. Retry after ${context.after}.`,
    }),
  });

  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const buffer = body as Buffer;
    request.rawBody = buffer;
    try {
      done(null, buffer.length === 0 ? undefined : JSON.parse(buffer.toString('utf8')));
    } catch (error) {
      if (request.url.startsWith(WEBHOOK_PREFIX)) return done(null, BAD_JSON);
      done(
        new TollgateError(
          'REQUEST_BAD_JSON',
          `The body is not valid JSON (${error instanceof Error ? error.message : 'unreadable'}); send a JSON document with Content-Type: application/json.`,
          'usage',
        ),
        undefined,
      );
    }
  });

  app.setValidatorCompiler(({ schema, httpPart }) => (data) => {
    const result = (schema as z.ZodType).safeParse(data ?? (httpPart === 'body' ? undefined : {}));
    if (result.success) return { value: result.data };
    const issues = result.error.issues.map((issue) => ({
      in: httpPart,
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    const first = issues[0]!;
    const where = first.path ? `${first.in} field ${first.path}` : `the ${first.in}`;
    return {
      error: Object.assign(new Error(`Invalid request: ${where}: ${first.message}.`), { validation: issues }),
    };
  });

  app.setErrorHandler(sendError);

  const matchers = routes.map((route) => ({
    method: route.method,
    pattern: new RegExp(`^${route.path.replace(/:[A-Za-z0-9_]+/g, '[^/]+')}/?$`),
  }));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = [...new Set(matchers.filter((m) => m.pattern.test(path)).map((m) => m.method))];
    if (allowed.length > 0) {
      reply.header('allow', [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])].join(', '));
      return reply.status(405).send({
        error: {
          code: 'METHOD_NOT_ALLOWED',
          message: `${request.method} is not allowed on ${path}; use ${allowed.join(' or ')}.`,
          requestId: request.id,
        },
      } satisfies ErrorBody);
    }
    return reply.status(404).send({
      error: {
        code: 'ROUTE_NOT_FOUND',
        message: `There is no ${path}; /api/v1/openapi.json lists every endpoint.`,
        requestId: request.id,
      },
    } satisfies ErrorBody);
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('cache-control', 'no-store');
  });
  const uploadPaths = new Set(
    routes.filter((route) => route.bodyKind === 'upload').map((route) => route.path),
  );
  app.addHook('onRequest', async (request, reply) => {
    if (!uploadPaths.has(request.routeOptions.url ?? ''))
      cutOffSlowBody(request, reply, config.requestTimeoutMs);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.requestSeconds.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  refuseNulCharacters(app);

  const jsonRoutes = routes.filter((route) => route.bodyKind !== 'upload');
  const uploadRoutes = routes.filter((route) => route.bodyKind === 'upload');
  // PostgreSQL answers over sockets, not Node's thread pool, so only the embedded file needs the lane.
  const readLane = createReadLane(embedded ? READ_LANE_SLOTS : Number.POSITIVE_INFINITY);
  for (const route of jsonRoutes)
    registerRoute(app, route, services, options.validateResponses ?? false, readLane);
  await app.register(async (scope) => {
    await registerUploadParsers(scope, config);
    for (const route of uploadRoutes)
      registerRoute(scope, route, services, options.validateResponses ?? false, readLane);
  });
  await registerWebRoutes(app);
  return { app, services, routes };
}

/**
 * A JSON body must arrive whole within `ms` of the request's start: a client trickling a byte
 * now and then keeps the socket from going idle, so it is cut off here with 408 and the
 * connection closed, before any handler ran (nothing is changed).
 */
function cutOffSlowBody(request: FastifyRequest, reply: FastifyReply, ms: number): void {
  const raw = request.raw;
  if (raw.complete) return;
  const timer = setTimeout(() => {
    if (raw.complete || reply.sent || reply.raw.headersSent) return;
    request.log.info({ code: 'REQUEST_TIMEOUT', status: 408 }, 'request body too slow; connection closed');
    const body = JSON.stringify({
      error: {
        code: 'REQUEST_TIMEOUT',
        message: `The request did not arrive whole within ${ms} ms (TOLLGATE_REQUEST_TIMEOUT_MS); send the body at once.`,
        requestId: request.id,
      },
    } satisfies ErrorBody);
    reply.hijack();
    reply.raw.writeHead(408, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      connection: 'close',
    });
    reply.raw.end(body, () => raw.socket?.destroy());
  }, ms);
  timer.unref();
  reply.raw.once('close', () => clearTimeout(timer));
  raw.once('end', () => clearTimeout(timer));
}

function registerRoute(
  app: FastifyInstance,
  route: AnyRoute,
  services: ApiServices,
  validateResponses: boolean,
  readLane: ReadLane,
) {
  const permission = route.permission;
  // Authenticated reads wait their turn in the read lane (see read-lane.ts); writes and the gate never do.
  const inLane = route.method === 'GET' && permission !== 'public';
  app.route({
    method: route.method,
    url: route.path,
    schema: {
      ...(route.params ? { params: route.params } : {}),
      ...(route.query ? { querystring: route.query } : {}),
      ...(route.body && route.bodyKind !== 'upload' ? { body: route.body } : {}),
    },
    ...(UNLIMITED_PATHS.has(route.path) ? { config: { rateLimit: false } } : {}),
    onRequest:
      permission === 'public'
        ? []
        : [
            async (request: FastifyRequest) => {
              const principal = await authenticateRequest(services.cachedStores, request);
              request.principal = principal;
              requirePermission(principal.role, permission);
            },
          ],
    handler: async (request, reply) => {
      const principal = request.principal;
      const actor: Actor = principal
        ? { name: `user:${principal.name}`, tokenId: principal.tokenId, address: request.ip }
        : { name: 'anonymous', tokenId: null, address: request.ip };
      const handle = () =>
        route.handler({
          params: request.params,
          query: request.query,
          body: request.body,
          principal,
          actor,
          request,
          reply,
          services,
        });
      const result = await (inLane ? readLane.run(handle) : handle());
      if (route.raw) return reply;
      if (validateResponses) {
        const checked = route.response.safeParse(result);
        if (!checked.success) {
          throw new TollgateError(
            'RESPONSE_SCHEMA_MISMATCH',
            `${route.id} answered outside its schema: ${checked.error.message}`,
            'internal',
          );
        }
      }
      if (route.status && reply.statusCode === 200) reply.status(route.status);
      return result;
    },
  });
}

/**
 * After a change has committed, and before its answer leaves, the audit log's head is kept in the
 * checkpoint file: one at a time in this process, so checkpoints are appended in order. The
 * gate is left out: it writes the decision log, not the audit log, at hundreds of answers a second.
 */
function anchorAuditHeadAfterChanges(app: FastifyInstance, services: ApiServices): void {
  if (services.auditAnchor.location === null) return;
  let anchoring = Promise.resolve();
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'GET' || reply.statusCode >= 400 || request.routeOptions.url === '/api/v1/gate')
      return payload;
    anchoring = anchoring
      .then(() => anchorAuditHead(services.stores, services.auditAnchor))
      .catch((error: unknown) =>
        services.log.warn(
          { code: 'AUDIT_ANCHOR_FAILED', err: error },
          'could not keep the audit head in its checkpoint file',
        ),
      );
    await anchoring;
    return payload;
  });
}
