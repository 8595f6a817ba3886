import type { Command } from 'commander';
import { ROLES } from '../../core/access/roles.js';
import { lazyAction } from './lazy-action.js';

const INSECURE_HELP =
  'with --server: allow plain http to another machine (the token and any password cross the network readable; or TOLLGATE_INSECURE=1)';

const SERVER_HELP =
  'ask this running tollgate serve (admin token in --token or TOLLGATE_TOKEN) instead of the local database (or TOLLGATE_SERVER)';

const loadUsersModule = () => import('../commands/users-command.js');

export function defineUsersCommand(program: Command): void {
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
    .option('--server <url>', SERVER_HELP)
    .option('--timeout <seconds>', 'with --server: seconds to wait for the answer (default 30)')
    .option('--insecure', INSECURE_HELP)
    .action(lazyAction(loadUsersModule, (m) => m.runUsersAdd));
  users
    .command('list', { isDefault: true })
    .description('List users, roles and scopes')
    .option('--json', 'print as JSON')
    .option('--server <url>', SERVER_HELP)
    .option('--timeout <seconds>', 'with --server: seconds to wait for the answer (default 30)')
    .option('--insecure', INSECURE_HELP)
    .action(lazyAction(loadUsersModule, (m) => m.runUsersList));
  users
    .command('remove')
    .description('Remove a user and revoke all their tokens')
    .argument('<name>', 'user name')
    .option('--json', 'print as JSON')
    .option('--server <url>', SERVER_HELP)
    .option('--timeout <seconds>', 'with --server: seconds to wait for the answer (default 30)')
    .option('--insecure', INSECURE_HELP)
    .action(lazyAction(loadUsersModule, (m) => m.runUsersRemove));
}
