import { AccessError } from '../../core/access/access-error.js';
import { issueToken } from '../../core/access/api-token.js';
import { hashPassword, verifyPassword } from '../../core/access/password-hash.js';
import type { Stores } from '../../ports/stores.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';

/** A dashboard session is an ordinary API token with a short life, labelled as a session. */
const SESSION_HOURS = 12;

/** Hash of a password nobody has, so an unknown user costs as much time as a wrong password. */
let decoy: Promise<string> | undefined;

/**
 * Signs a user in with their password and returns a session token (shown once, stored as a
 * hash, expiring in 12 hours). Unknown user and wrong password get the same answer, after the
 * same scrypt work, so the answer does not tell which names exist.
 */
export async function signIn(
  stores: Stores,
  address: string | null,
  input: { name: string; password: string },
): Promise<{ token: string; tokenId: string; expiresAt: string; user: string; role: string }> {
  const user = await stores.access.users.getUser(input.name);
  decoy ??= hashPassword('tollgate-decoy-password-never-used');
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoy));
  if (!user || user.passwordHash === null || !ok) {
    throw new AccessError('AUTH_BAD_CREDENTIALS', 'The user name or password is wrong.', 401);
  }
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000).toISOString();
  const issued = issueToken();
  const actor: Actor = { name: `user:${user.name}`, tokenId: issued.id, address };
  return stores.transaction(async () => {
    await stores.access.tokens.insertToken({
      id: issued.id,
      userId: user.id,
      label: 'session',
      secretHash: issued.secretHash,
      expiresAt,
    });
    await recordAudit(stores, actor, {
      action: 'sessions.create',
      target: `token:${issued.id}`,
      after: { expiresAt },
    });
    return { token: issued.token, tokenId: issued.id, expiresAt, user: user.name, role: user.role };
  });
}
