import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API tokens look like `tg_<id>_<secret>`: the id (12 hex) finds the record and may appear in
 * logs and the audit log; the secret (32 random bytes, base64url) is shown once and stored only
 * as its SHA-256. A slow hash is not needed for 256 random bits; SHA-256 keeps checks fast.
 */
const TOKEN_FORMAT = /^tg_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface IssuedToken {
  id: string;
  secretHash: string;
  /** The whole token, shown to the user once. */
  token: string;
}

export function issueToken(): IssuedToken {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, secretHash: hashSecret(secret), token: `tg_${id}_${secret}` };
}

export function parseToken(token: string): { id: string; secret: string } | undefined {
  const match = TOKEN_FORMAT.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
