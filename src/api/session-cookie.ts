import type { FastifyRequest } from 'fastify';
import { authenticateToken, type Principal } from '../app/access/authenticate-token.js';
import { AccessError } from '../core/access/access-error.js';
import { csrfMatches } from '../core/access/session-csrf.js';
import type { Stores } from '../ports/stores.js';

/**
 * The dashboard's session cookie: the session token in an HTTP-only, Secure, SameSite=Strict
 * cookie scoped to the API, so a link opened in a new tab stays signed in while no script can
 * read the token. Requests that change something must also carry the session's CSRF token in
 * this header (a page reads it from POST /api/v1/sessions/cookie or GET /api/v1/sessions/current).
 */
export const SESSION_COOKIE = 'tollgate_session';
export const CSRF_HEADER = 'x-tollgate-csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session token from a Cookie header, or undefined (a malformed header counts as none). */
export function readSessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(at + 1).trim();
    return value === '' ? undefined : value;
  }
  return undefined;
}

/** Set-Cookie for a new session, living exactly as long as its token. */
export function sessionCookie(token: string, expiresAt: string, now = new Date()): string {
  const seconds = Math.max(0, Math.floor((Date.parse(expiresAt) - now.getTime()) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/api/; Max-Age=${seconds}; HttpOnly; Secure; SameSite=Strict`;
}

/** Set-Cookie that removes the session cookie. */
export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/api/; Max-Age=0; HttpOnly; Secure; SameSite=Strict`;
}

/**
 * Who is calling: the bearer token when there is an Authorization header (scripts, CI), else the
 * session cookie, checked exactly as a token is, plus the CSRF header on any request that may
 * change something.
 */
export async function authenticateRequest(stores: Stores, request: FastifyRequest): Promise<Principal> {
  const header = request.headers.authorization;
  const cookieToken = header ? undefined : readSessionCookie(request.headers.cookie);
  if (cookieToken === undefined) return authenticateToken(stores, header);
  const principal = await authenticateToken(stores, `Bearer ${cookieToken}`);
  if (!SAFE_METHODS.has(request.method)) {
    const presented = request.headers[CSRF_HEADER];
    if (typeof presented !== 'string' || !csrfMatches(cookieToken, presented)) {
      throw new AccessError(
        'AUTH_CSRF_MISSING',
        `A change made with the session cookie needs the session's ${CSRF_HEADER} header; reload the dashboard and try again.`,
        403,
      );
    }
  }
  return principal;
}
