import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadGateModule = () => import('../commands/gate-command.js');

export function defineGateCommand(program: Command): void {
  program
    .command('gate')
    .description(
      'May this deployment go? Allow or deny with every reason. Exit 0 allow, 1 deny, 2 usage error, 3 server unreachable',
    )
    .requiredOption('--service <id>', 'catalogue service')
    .requiredOption('--env <id>', 'target environment')
    .option('--release <id>', 'the release whose budget it spends')
    .option('--version <version>', 'the version to deploy')
    .option(
      '--change-type <type>',
      'standard, normal or emergency (default: the change request, else normal)',
    )
    .option('--estimate <amount>', 'the cost of this change (default: the change request estimate)')
    .option(
      '--change <id>',
      'the change request (default: the latest open one for the service and environment)',
    )
    .option('--at <time>', 'decide as of this time (ISO-8601), default now')
    .option('--by <person>', 'who asks (for the decision log)')
    .option('--json', 'print the decision as JSON')
    .option('--format <format>', 'text (default) or markdown, for a pull-request comment')
    .option(
      '--server <url>',
      'ask this running tollgate serve instead of the local database (or TOLLGATE_SERVER)',
    )
    .option('--token <token>', 'API token for --server, role with gate:decide (or TOLLGATE_TOKEN)')
    .option('--timeout <seconds>', 'with --server: seconds to wait for the answer (default 30)')
    .option(
      '--insecure',
      'with --server: allow plain http to another machine (the token crosses the network readable; or TOLLGATE_INSECURE=1)',
    )
    .option(
      '--on-unreachable <choice>',
      'with --server: deny (default, fail closed: exit 3) or allow (fail open: exit 0 with a warning) when the server cannot answer (or TOLLGATE_GATE_ON_UNREACHABLE)',
    )
    .action(lazyAction(loadGateModule, (m) => m.runGate));
}
