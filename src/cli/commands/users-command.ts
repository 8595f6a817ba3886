import type { Command } from 'commander';
import { addUser, listUsers, removeUser } from '../../app/access/manage-users.js';
import { TollgateError } from '../../core/errors.js';
import { printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { renderTable } from '../output/render-table.js';
import { createRemoteAccess, readAccessConnection } from '../remote/remote-access.js';
import type { RemoteFlags } from '../remote/remote-connection.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
export async function runUsersAdd(
  name: string,
  flags: { role: string; scope: string[]; passwordStdin?: boolean; json?: boolean } & RemoteFlags,
  command: Command,
) {
  // The server is checked first: a password is not read for a connection that would expose it.
  const connection = readAccessConnection(flags, command);
  const password = flags.passwordStdin ? await readStdin() : undefined;
  if (flags.passwordStdin && !password) {
    throw new TollgateError('USER_EMPTY_PASSWORD', 'No password arrived on standard input.', 'usage');
  }
  const input = { name, role: flags.role, scopes: flags.scope, password };
  const user = connection
    ? await createRemoteAccess(connection).addUser(input)
    : await withIdentity(command, 'users:admin', (stores, { actor }) =>
        addUser(stores, actor, input, { scopes: '--scope' }),
      );
  if (flags.json) printJson(user);
  else
    process.stdout.write(
      `Added ${user.name} as ${user.role}${user.scopes.length ? ` for ${user.scopes.join(', ')}` : ''}. Create a token with: tollgate tokens create --user ${user.name}\n`,
    );
}

export async function runUsersList(flags: { json?: boolean } & RemoteFlags, command: Command) {
  const connection = readAccessConnection(flags, command);
  const list = connection
    ? await createRemoteAccess(connection).listUsers()
    : await withStores(command, (stores) => listUsers(stores));
  if (flags.json) return printJson(list);
  if (list.length === 0) {
    process.stdout.write('No users yet. Add the first admin with: tollgate users add <name> --role admin\n');
    return;
  }
  process.stdout.write(
    `${renderTable(
      ['name', 'role', 'scopes', 'password', 'created'],
      list.map((user) => [
        user.name,
        user.role,
        user.scopes.join(',') || '-',
        user.hasPassword ? 'set' : '-',
        user.createdAt.slice(0, 19),
      ]),
      [],
    )}\n`,
  );
}

export async function runUsersRemove(
  name: string,
  flags: { json?: boolean } & RemoteFlags,
  command: Command,
) {
  const connection = readAccessConnection(flags, command);
  const result = connection
    ? await createRemoteAccess(connection).removeUser(name)
    : await withIdentity(command, 'users:admin', (stores, { actor }) => removeUser(stores, actor, name));
  if (flags.json) printJson(result);
  else process.stdout.write(`Removed ${result.name}; revoked ${result.revokedTokens.length} token(s).\n`);
}
