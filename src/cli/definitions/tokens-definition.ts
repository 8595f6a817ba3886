import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const INSECURE_HELP =
  'with --server: allow plain http to another machine (the token and any password cross the network readable; or TOLLGATE_INSECURE=1)';

const SERVER_HELP =
  'ask this running tollgate serve (admin token in --token or TOLLGATE_TOKEN) instead of the local database (or TOLLGATE_SERVER)';

const loadTokensModule = () => import('../commands/tokens-command.js');

export function defineTokensCommand(program: Command): void {
  const tokens = program.command('tokens').description('API tokens: create, list (the default), revoke');
  tokens
    .command('create')
    .description('Create a token for a user; it is printed once and stored only as a hash')
    .requiredOption('--user <name>', 'the user the token acts as')
    .option('--label <label>', 'what the token is for, e.g. ci-deploy', 'api')
    .option('--expires-in <lifetime>', 'lifetime: hours or days (12h, 90d) or never', '90d')
    .option('--json', 'print as JSON')
    .option('--server <url>', SERVER_HELP)
    .option('--timeout <seconds>', 'with --server: seconds to wait for the answer (default 30)')
    .option('--insecure', INSECURE_HELP)
    .action(lazyAction(loadTokensModule, (m) => m.runTokensCreate));
  tokens
    .command('list', { isDefault: true })
    .description('List tokens (never their secrets)')
    .option('--json', 'print as JSON')
    .option('--server <url>', SERVER_HELP)
    .option('--timeout <seconds>', 'with --server: seconds to wait for the answer (default 30)')
    .option('--insecure', INSECURE_HELP)
    .action(lazyAction(loadTokensModule, (m) => m.runTokensList));
  tokens
    .command('revoke')
    .description('Revoke a token at once')
    .argument('<id>', 'token id as listed (or the whole token)')
    .option('--json', 'print as JSON')
    .option('--server <url>', SERVER_HELP)
    .option('--timeout <seconds>', 'with --server: seconds to wait for the answer (default 30)')
    .option('--insecure', INSECURE_HELP)
    .action(lazyAction(loadTokensModule, (m) => m.runTokensRevoke));
}
