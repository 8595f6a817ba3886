import type { Command } from 'commander';
import { authenticateToken, type Principal } from '../app/access/authenticate-token.js';
import { type Actor, commandLineActor } from '../app/audit/record-audit.js';
import { requirePermission } from '../core/access/require-permission.js';
import type { Permission } from '../core/access/roles.js';
import type { Stores } from '../ports/stores.js';
import { withStores } from './cli-context.js';

/** Who runs a command: the token's user (role checked), or the operating-system user. */
export interface CliIdentity {
  actor: Actor;
  /** The token's user; null when no token was given and the OS user acts. */
  principal: Principal | null;
}

/** The token of --token (a global option) or TOLLGATE_TOKEN; undefined when neither is set. */
export function readCliToken(command: Command, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const flag = command.optsWithGlobals<{ token?: string }>().token;
  return flag ?? (env.TOLLGATE_TOKEN?.trim() || undefined);
}

/**
 * Resolves who acts, as the API does: a token is authenticated (unknown, revoked or expired
 * tokens are refused) and its role must hold `permission`; the audit log then names the token's
 * user (`user:<name>`) and the token. Without a token the local operating-system user acts
 * (`cli:<login>`), who holds the database file and so every permission.
 */
export async function resolveCliIdentity(
  stores: Stores,
  token: string | undefined,
  permission: Permission,
): Promise<CliIdentity> {
  if (token === undefined) return { actor: commandLineActor(), principal: null };
  const principal = await authenticateToken(stores, `Bearer ${token}`);
  requirePermission(principal.role, permission);
  return {
    actor: { name: `user:${principal.name}`, tokenId: principal.tokenId, address: 'cli' },
    principal,
  };
}

/** Opens the stores, resolves who acts for `permission`, runs `work`, always closes. */
export function withIdentity<T>(
  command: Command,
  permission: Permission,
  work: (stores: Stores, identity: CliIdentity) => Promise<T>,
): Promise<T> {
  const token = readCliToken(command);
  return withStores(command, async (stores) =>
    work(stores, await resolveCliIdentity(stores, token, permission)),
  );
}
