import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Principal } from '../app/access/authenticate-token.js';
import type { Actor } from '../app/audit/record-audit.js';
import type { Permission } from '../core/access/roles.js';
import type { ApiServices } from './api-services.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How a request body arrives: parsed JSON, or a file streamed to disk by the handler. */
export type BodyKind = 'json' | 'upload';

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The caller; null only on public routes. */
  principal: Principal | null;
  /** The caller as the audit log names them. */
  actor: Actor;
  request: FastifyRequest;
  reply: FastifyReply;
  services: ApiServices;
}

/**
 * One endpoint, defined once: Fastify validates requests with these zod schemas and the
 * OpenAPI document is generated from the same ones, so the two cannot drift apart.
 */
export interface RouteSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  id: string;
  method: HttpMethod;
  /** Fastify path syntax, under /api/v1 (or the health and metrics paths). */
  path: string;
  summary: string;
  tag: string;
  /** 'public' routes need no token (health, metrics, OpenAPI, webhooks that verify their own signature). */
  permission: Permission | 'public';
  params?: P;
  query?: Q;
  body?: B;
  bodyKind?: BodyKind;
  /** Content types accepted for upload bodies (documentation and parser registration). */
  uploadTypes?: string[];
  response: R;
  /** Status of a successful answer; 200 unless stated. */
  status?: 200 | 201 | 202;
  /** Error codes this route can answer besides the common ones, for the document. */
  errors?: Partial<Record<400 | 404 | 409 | 413 | 415 | 422 | 503, string>>;
  /** Answers with non-JSON (metrics text); the handler sends the reply itself. */
  raw?: boolean;
  handler(context: RouteContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<z.input<R> | undefined>;
}

// biome-ignore lint/suspicious/noExplicitAny: the table holds routes of every shape
export type AnyRoute = RouteSpec<any, any, any, any>;

export function defineRoute<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
>(spec: RouteSpec<P, Q, B, R>): AnyRoute {
  return spec as AnyRoute;
}
