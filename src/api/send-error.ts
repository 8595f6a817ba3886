import type { FastifyReply, FastifyRequest } from 'fastify';
import { describeError, type ErrorBody } from './http-errors.js';

/**
 * Answers anything thrown while serving a request (or refused by Fastify's router before a
 * route is found: an over-long or badly encoded path) with its status, stable code and message.
 */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const described = describeError(error);
  if (described.status >= 500) request.log.error({ err: error, code: described.code }, 'request failed');
  else request.log.info({ code: described.code, status: described.status }, 'request refused');
  const body: ErrorBody = {
    error: {
      code: described.code,
      message: described.message,
      requestId: request.id,
      ...(described.details === undefined ? {} : { details: described.details }),
    },
  };
  if (described.status === 429) {
    const retry = reply.getHeader('retry-after');
    if (retry !== undefined) reply.header('retry-after', retry);
  }
  return reply.status(described.status).send(body);
}
