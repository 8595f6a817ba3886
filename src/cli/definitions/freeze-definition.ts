import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadFreezeModule = () => import('../commands/freeze-command.js');

export function defineFreezeCommand(program: Command): void {
  const freeze = program
    .command('freeze')
    .description('Deployment freezes (recurring cron or one-off) and the audited break-glass path');
  freeze
    .command('add')
    .description(
      'Add a freeze: --cron for recurring (the frozen minutes, UTC), or --from and --until for one-off',
    )
    .requiredOption('--env <id>', "environment, or '*' for all")
    .requiredOption('--reason <text>', 'why deployments are frozen')
    .option('--cron <expression>', 'five-field cron of the frozen minutes, such as "* * 20-31 12 *"')
    .option('--from <time>', 'one-off: start (ISO-8601)')
    .option('--until <time>', 'one-off: end (ISO-8601)')
    .option('--by <person>', 'who adds it')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadFreezeModule, (m) => m.runFreezeAdd));
  freeze
    .command('list')
    .description('Freezes and break-glass records')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadFreezeModule, (m) => m.runFreezeList));
  freeze
    .command('break-glass')
    .description(
      'Open the glass: deployments to the environment pass freezes and windows for a limited time, recorded with who and why',
    )
    .requiredOption('--env <id>', 'environment')
    .requiredOption('--by <person>', 'who breaks the glass')
    .requiredOption('--reason <text>', 'why')
    .option('--service <id>', 'only this service')
    .option('--for <duration>', 'how long, such as 90m or 2h (at most 72h)', '1h')
    .option('--from <time>', 'start (ISO-8601), default now')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadFreezeModule, (m) => m.runFreezeBreakGlass));
}
