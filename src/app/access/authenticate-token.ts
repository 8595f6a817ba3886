import { AccessError } from '../../core/access/access-error.js';
import { parseToken, secretMatches } from '../../core/access/api-token.js';
import type { Role } from '../../core/access/roles.js';
import type { Stores } from '../../ports/stores.js';

export interface Principal {
  userId: number;
  name: string;
  role: Role;
  scopes: string[];
  tokenId: string;
}

/**
 * Turns an Authorization header into the user behind it, or throws a 401-kind error saying
 * what is wrong. Every failure names the token by its public id only, never its secret.
 */
export async function authenticateToken(
  stores: Stores,
  header: string | undefined,
  now = new Date(),
): Promise<Principal> {
  if (header === undefined || header.trim() === '') {
    throw new AccessError(
      'AUTH_MISSING_TOKEN',
      'This endpoint needs an API token: send Authorization: Bearer <token> (an admin creates tokens).',
      401,
    );
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const parsed = match ? parseToken(match[1]!) : undefined;
  if (!parsed) {
    throw new AccessError(
      'AUTH_MALFORMED_TOKEN',
      'The Authorization header is not Bearer <token> with a Tollgate token (tg_<id>_<secret>).',
      401,
    );
  }
  const token = await stores.access.tokens.getToken(parsed.id);
  if (!token || !secretMatches(parsed.secret, token.secretHash)) {
    throw new AccessError('AUTH_BAD_TOKEN', 'The API token is not valid; ask an admin for a new one.', 401);
  }
  if (token.revokedAt !== null) {
    throw new AccessError(
      'AUTH_TOKEN_REVOKED',
      `Token ${token.id} was revoked at ${token.revokedAt}; ask an admin for a new one.`,
      401,
    );
  }
  if (token.expiresAt !== null && token.expiresAt <= now.toISOString()) {
    throw new AccessError(
      'AUTH_TOKEN_EXPIRED',
      `Token ${token.id} expired at ${token.expiresAt}; ask an admin for a new one.`,
      401,
    );
  }
  const user = await stores.access.users.getUserById(token.userId);
  if (!user) {
    throw new AccessError('AUTH_BAD_TOKEN', 'The API token is not valid; ask an admin for a new one.', 401);
  }
  return { userId: user.id, name: user.name, role: user.role, scopes: user.scopes, tokenId: token.id };
}
