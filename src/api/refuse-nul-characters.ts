import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import { TollgateError } from '../core/errors.js';

/**
 * A raw body (an upload's stream, a Buffer) is data for its route to check, not text: walking a
 * stream's properties recursed through the socket and the whole server, and never finished.
 */
function isRawBody(value: object): boolean {
  return value instanceof EventEmitter || ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}

function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => holdsNul(item, depth + 1));
  if (isRawBody(value)) return false;
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || holdsNul(item, depth + 1));
}

/**
 * Refuses a NUL character anywhere in a request's path values, query or JSON body before a route
 * sees it: no text Tollgate keeps may hold one (PostgreSQL's text cannot, and would answer with
 * an internal error), and a NUL cut into a name is a classic way to make two checks disagree.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [place, value] of [
      ['path', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const) {
      if (holdsNul(value))
        throw new TollgateError(
          'REQUEST_NUL_CHARACTER',
          `The request's ${place} holds a NUL character (\\u0000), which no Tollgate value may contain; remove it and send again.`,
          'usage',
        );
    }
  });
}
