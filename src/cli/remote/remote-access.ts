import type { Command } from 'commander';
import type { PublicToken } from '../../app/access/manage-tokens.js';
import type { NewUserInput, PublicUser } from '../../app/access/manage-users.js';
import { createRemoteClient } from './remote-client.js';
import { type RemoteConnection, type RemoteFlags, readRemoteConnection } from './remote-connection.js';

/**
 * The server named by --server/--timeout (or TOLLGATE_SERVER) with the global --token (or
 * TOLLGATE_TOKEN); undefined when the command works on its local database.
 */
export function readAccessConnection(flags: RemoteFlags, command: Command): RemoteConnection | undefined {
  // --token is the global option (the CLI's identity), which commander reads first.
  // Without a server it keeps that meaning on the local database, so it is passed on only with one.
  const named = flags.server !== undefined || Boolean(process.env.TOLLGATE_SERVER);
  const token = named ? command.optsWithGlobals<{ token?: string }>().token : undefined;
  return readRemoteConnection(
    { server: flags.server, timeout: flags.timeout, token, insecure: flags.insecure },
    process.env,
  );
}

/** The users and tokens routes of a running server, in the API's own field names. */
export function createRemoteAccess(connection: RemoteConnection) {
  const client = createRemoteClient(connection);
  return {
    listUsers: () => client.get<PublicUser[]>('/api/v1/users'),
    addUser: (input: NewUserInput) => client.post<PublicUser>('/api/v1/users', input),
    removeUser: (name: string) =>
      client.delete<{ name: string; revokedTokens: string[] }>(`/api/v1/users/${encodeURIComponent(name)}`),
    listTokens: () => client.get<PublicToken[]>('/api/v1/tokens'),
    createToken: (input: { user: string; label: string; expiresIn: string }) =>
      client.post<PublicToken & { token: string }>('/api/v1/tokens', input),
    // Only the id travels in the path: a whole token pasted as <id> must not reach a server log.
    revokeToken: (id: string) =>
      client.delete<PublicToken>(
        `/api/v1/tokens/${encodeURIComponent(id.startsWith('tg_') ? id.slice(3, 15) : id)}`,
      ),
  };
}
