import { TollgateError } from '../../core/errors.js';
import type { Stores } from '../../ports/stores.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';

/**
 * Ends the caller's dashboard session: its token is revoked at once (audited as
 * sessions.end). Only session tokens end this way; an API token is revoked by an admin
 * (tollgate tokens revoke), so a script's token is never lost to a "sign out" click.
 */
export async function signOut(stores: Stores, actor: Actor, tokenId: string): Promise<{ tokenId: string }> {
  return stores.transaction(async () => {
    const token = await stores.access.tokens.getToken(tokenId);
    if (token?.label !== 'session') {
      throw new TollgateError(
        'SESSION_NOT_A_SESSION',
        `Token ${tokenId} is an API token, not a dashboard session; forget it in the client, or revoke token ${tokenId}.`,
        'conflict',
      );
    }
    if (token.revokedAt === null) {
      await stores.access.tokens.revokeToken(token.id);
      await recordAudit(stores, actor, { action: 'sessions.end', target: `token:${token.id}` });
    }
    return { tokenId: token.id };
  });
}
