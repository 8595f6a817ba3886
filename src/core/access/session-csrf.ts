import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The CSRF token of a browser session: an HMAC of the session token (which lives only in an
 * HTTP-only cookie), so the server can check it without storing anything, and a page can hold
 * it without ever seeing the session token. Another site can neither read it nor compute it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('tollgate-csrf-v1').digest('base64url');
}

/** Constant-time check of a presented CSRF token against the session's. */
export function csrfMatches(sessionToken: string, presented: string): boolean {
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
