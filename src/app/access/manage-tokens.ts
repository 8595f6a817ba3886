import { issueToken } from '../../core/access/api-token.js';
import { parseUserName } from '../../core/access/user-name.js';
import { TollgateError } from '../../core/errors.js';
import type { Stores } from '../../ports/stores.js';
import type { TokenRecord } from '../../ports/token-store.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';

export type PublicToken = Omit<TokenRecord, 'secretHash'> & { user: string };

const DURATION = /^(\d{1,5})(h|d)$/;

/** Parses `90d` or `12h` into an expiry instant after `now`; `never` gives null. */
export function parseExpiry(text: string, now = new Date()): string | null {
  if (text === 'never') return null;
  const match = DURATION.exec(text);
  const amount = match ? Number(match[1]) : 0;
  if (!match || amount < 1) {
    throw new TollgateError(
      'TOKEN_BAD_EXPIRY',
      `'${text}' is not a lifetime; write hours or days such as 12h or 90d, or never.`,
      'usage',
    );
  }
  const hours = match[2] === 'd' ? amount * 24 : amount;
  return new Date(now.getTime() + hours * 3_600_000).toISOString();
}

export async function createToken(
  stores: Stores,
  actor: Actor,
  input: { user: string; label: string; expiresIn: string },
): Promise<{ token: string; record: PublicToken }> {
  const userName = parseUserName(input.user);
  const expiresAt = parseExpiry(input.expiresIn);
  const label = input.label.trim();
  if (label.length === 0 || label.length > 100) {
    throw new TollgateError(
      'TOKEN_BAD_LABEL',
      'A token label needs 1-100 characters, for example ci-deploy.',
      'usage',
    );
  }
  return stores.transaction(async () => {
    const user = await stores.access.users.getUser(userName);
    if (!user) {
      throw new TollgateError(
        'USER_NOT_FOUND',
        `There is no user ${userName}; add the user (with a role) first, then create the token.`,
        'not-found',
      );
    }
    const issued = issueToken();
    const { secretHash, ...record } = await stores.access.tokens.insertToken({
      id: issued.id,
      userId: user.id,
      label,
      secretHash: issued.secretHash,
      expiresAt,
    });
    const shown = { ...record, user: user.name };
    await recordAudit(stores, actor, { action: 'tokens.create', target: `token:${issued.id}`, after: shown });
    return { token: issued.token, record: shown };
  });
}

export async function revokeToken(stores: Stores, actor: Actor, id: string): Promise<PublicToken> {
  const tokenId = id.startsWith('tg_') ? id.slice(3, 15) : id;
  return stores.transaction(async () => {
    const token = await stores.access.tokens.getToken(tokenId);
    if (!token) {
      throw new TollgateError(
        'TOKEN_NOT_FOUND',
        `There is no token ${tokenId}; the list of tokens shows their ids.`,
        'not-found',
      );
    }
    if (token.revokedAt !== null) {
      throw new TollgateError(
        'TOKEN_ALREADY_REVOKED',
        `Token ${tokenId} was revoked at ${token.revokedAt}.`,
        'conflict',
      );
    }
    await stores.access.tokens.revokeToken(tokenId);
    const after = (await stores.access.tokens.getToken(tokenId))!;
    const user = await stores.access.users.getUserById(token.userId);
    const { secretHash, ...shown } = after;
    await recordAudit(stores, actor, {
      action: 'tokens.revoke',
      target: `token:${tokenId}`,
      before: { revokedAt: null },
      after: { revokedAt: after.revokedAt },
    });
    return { ...shown, user: user?.name ?? `#${token.userId}` };
  });
}

export async function listTokens(stores: Stores): Promise<PublicToken[]> {
  const users = new Map((await stores.access.users.listUsers()).map((user) => [user.id, user.name]));
  return (await stores.access.tokens.listTokens()).map(({ secretHash, ...token }) => ({
    ...token,
    user: users.get(token.userId) ?? `#${token.userId} (removed)`,
  }));
}
