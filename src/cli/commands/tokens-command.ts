import type { Command } from 'commander';
import { createToken, listTokens, revokeToken } from '../../app/access/manage-tokens.js';
import { printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { renderTable } from '../output/render-table.js';
import { createRemoteAccess, readAccessConnection } from '../remote/remote-access.js';
import type { RemoteFlags } from '../remote/remote-connection.js';
export async function runTokensCreate(
  flags: { user: string; label: string; expiresIn: string; json?: boolean } & RemoteFlags,
  command: Command,
) {
  const connection = readAccessConnection(flags, command);
  const input = { user: flags.user, label: flags.label, expiresIn: flags.expiresIn };
  const created = connection
    ? await createRemoteAccess(connection)
        .createToken(input)
        .then(({ token, ...record }) => ({ token, record }))
    : await withIdentity(command, 'users:admin', (stores, { actor }) => createToken(stores, actor, input));
  if (flags.json) return printJson({ token: created.token, ...created.record });
  process.stdout.write(
    `${created.token}\n\nToken ${created.record.id} for ${created.record.user}, expires ${created.record.expiresAt ?? 'never'}.\n` +
      'This is the only time it is shown; store it in your secret manager. Send it as: Authorization: Bearer <token>\n',
  );
}

export async function runTokensList(flags: { json?: boolean } & RemoteFlags, command: Command) {
  const connection = readAccessConnection(flags, command);
  const list = connection
    ? await createRemoteAccess(connection).listTokens()
    : await withStores(command, (stores) => listTokens(stores));
  if (flags.json) return printJson(list);
  if (list.length === 0) {
    process.stdout.write('No tokens. Create one with: tollgate tokens create --user <name>\n');
    return;
  }
  process.stdout.write(
    `${renderTable(
      ['id', 'user', 'label', 'created', 'expires', 'revoked'],
      list.map((token) => [
        token.id,
        token.user,
        token.label,
        token.createdAt.slice(0, 19),
        token.expiresAt?.slice(0, 19) ?? 'never',
        token.revokedAt?.slice(0, 19) ?? '-',
      ]),
      [],
    )}\n`,
  );
}

export async function runTokensRevoke(id: string, flags: { json?: boolean } & RemoteFlags, command: Command) {
  const connection = readAccessConnection(flags, command);
  const token = connection
    ? await createRemoteAccess(connection).revokeToken(id)
    : await withIdentity(command, 'users:admin', (stores, { actor }) => revokeToken(stores, actor, id));
  if (flags.json) printJson(token);
  else process.stdout.write(`Revoked token ${token.id} of ${token.user}.\n`);
}
