import { z } from 'zod';
import { signIn } from '../../app/access/sign-in.js';
import { signOut } from '../../app/access/sign-out.js';
import { ROLES } from '../../core/access/roles.js';
import { csrfTokenFor } from '../../core/access/session-csrf.js';
import { defineRoute } from '../route-spec.js';
import { clearedSessionCookie, readSessionCookie, sessionCookie } from '../session-cookie.js';

const sessionAnswer = z.object({
  csrfToken: z
    .string()
    .nullable()
    .describe('send it as X-Tollgate-CSRF with every change; null when the caller used a bearer token'),
  tokenId: z.string(),
  user: z.string(),
  role: z.enum(ROLES),
});

/** The dashboard's cookie sessions: sign in, ask about the session (a new tab), sign out. */
export const sessionCookieRoutes = [
  defineRoute({
    id: 'signInWithCookie',
    method: 'POST',
    path: '/api/v1/sessions/cookie',
    summary:
      'Sign in for the dashboard: a 12-hour session in an HTTP-only, Secure, SameSite=Strict cookie (the token is never in the body) and its CSRF token (audited)',
    tag: 'access',
    permission: 'public',
    body: z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).strict(),
    status: 201,
    response: sessionAnswer.extend({ expiresAt: z.string() }),
    errors: {},
    handler: async ({ body, request, reply, services }) => {
      const session = await signIn(services.stores, request.ip, body);
      reply.header('set-cookie', sessionCookie(session.token, session.expiresAt));
      return {
        csrfToken: csrfTokenFor(session.token),
        tokenId: session.tokenId,
        expiresAt: session.expiresAt,
        user: session.user,
        role: session.role as (typeof ROLES)[number],
      };
    },
  }),
  defineRoute({
    id: 'getSession',
    method: 'GET',
    path: '/api/v1/sessions/current',
    summary:
      "The caller's session and, when it came with the session cookie, its CSRF token (how a dashboard tab opened from a link carries on)",
    tag: 'access',
    permission: 'costs:read',
    response: sessionAnswer,
    handler: async ({ principal, request }) => {
      const cookieToken = request.headers.authorization
        ? undefined
        : readSessionCookie(request.headers.cookie);
      return {
        csrfToken: cookieToken === undefined ? null : csrfTokenFor(cookieToken),
        tokenId: principal!.tokenId,
        user: principal!.name,
        role: principal!.role,
      };
    },
  }),
  defineRoute({
    id: 'signOut',
    method: 'DELETE',
    path: '/api/v1/sessions/current',
    summary:
      "Sign out: revoke the caller's dashboard session at once and clear its cookie (audited); an API token is refused (SESSION_NOT_A_SESSION)",
    tag: 'access',
    permission: 'costs:read',
    response: z.object({ tokenId: z.string() }),
    errors: { 409: 'The caller used an API token, not a session (SESSION_NOT_A_SESSION)' },
    handler: async ({ principal, actor, reply, services }) => {
      const ended = await signOut(services.stores, actor, principal!.tokenId);
      reply.header('set-cookie', clearedSessionCookie());
      return ended;
    },
  }),
];
