import type { Command } from 'commander';
import { addUser, listUsers, removeUser } from '../../app/access/manage-users.js';
import { commandLineActor } from '../../app/audit/record-audit.js';
import { ROLES } from '../../core/access/roles.js';
import { TollgateError } from '../../core/errors.js';
import { printJson, withStores } from '../cli-context.js';
import { renderTable } from '../output/render-table.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('Who may use the API: add, list (the default), remove');
  users
    .command('add')
    .description('Add a user; the first admin is added this way on the machine that holds the database')
    .argument('<name>', 'login name or e-mail address (lower case)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option(
      '--scope <owner>',
      'an owner (team) this user answers for; repeatable; needed by budget-owner and approver',
      (value: string, all: string[]) => [...all, value],
      [],
    )
    .option('--password-stdin', 'read a password (for the dashboard) from standard input')
    .option('--json', 'print as JSON')
    .action(
      async (
        name: string,
        flags: { role: string; scope: string[]; passwordStdin?: boolean; json?: boolean },
        command: Command,
      ) => {
        const password = flags.passwordStdin ? await readStdin() : undefined;
        if (flags.passwordStdin && !password) {
          throw new TollgateError('USER_EMPTY_PASSWORD', 'No password arrived on standard input.', 'usage');
        }
        const user = await withStores(command, (stores) =>
          addUser(stores, commandLineActor(), { name, role: flags.role, scopes: flags.scope, password }),
        );
        if (flags.json) printJson(user);
        else
          process.stdout.write(
            `Added ${user.name} as ${user.role}${user.scopes.length ? ` for ${user.scopes.join(', ')}` : ''}. Create a token with: tollgate tokens create --user ${user.name}\n`,
          );
      },
    );
  users
    .command('list', { isDefault: true })
    .description('List users, roles and scopes')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const list = await withStores(command, (stores) => listUsers(stores));
      if (flags.json) return printJson(list);
      if (list.length === 0) {
        process.stdout.write(
          'No users yet. Add the first admin with: tollgate users add <name> --role admin\n',
        );
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
    });
  users
    .command('remove')
    .description('Remove a user and revoke all their tokens')
    .argument('<name>', 'user name')
    .option('--json', 'print as JSON')
    .action(async (name: string, flags: { json?: boolean }, command: Command) => {
      const result = await withStores(command, (stores) => removeUser(stores, commandLineActor(), name));
      if (flags.json) printJson(result);
      else process.stdout.write(`Removed ${result.name}; revoked ${result.revokedTokens.length} token(s).\n`);
    });
}
