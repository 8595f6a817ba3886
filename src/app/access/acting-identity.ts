import type { Actor } from '../audit/record-audit.js';
import type { Principal } from './authenticate-token.js';

/**
 * Who makes a change, from any interface: the audit log's actor and, when a token was given
 * (API, or the CLI with --token), the token's user and role. The CLI without a token is the
 * operating-system user, `cli:<login>`, who holds the database file.
 */
export interface ActingIdentity {
  actor: Actor;
  principal: Principal | null;
}

/**
 * The person a governance record names (requester, approver, author): the token's user, or the
 * operating-system login of a command-line actor (`cli:olivia` acts as `olivia`).
 */
export function personOf(identity: ActingIdentity): string {
  return identity.principal?.name ?? identity.actor.name.replace(/^cli:/, '');
}
