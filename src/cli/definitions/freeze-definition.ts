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
      "Add a freeze: --cron for recurring (the frozen minutes, on the clock of --time-zone, default the policy's zone), or --from and --until for one-off",
    )
    .requiredOption('--env <id>', "environment, or '*' for all")
    .requiredOption('--reason <text>', 'why deployments are frozen')
    .option('--cron <expression>', 'five-field cron of the frozen minutes, such as "* * 20-31 12 *"')
    .option('--time-zone <zone>', 'recurring: IANA zone the cron is read in, such as Europe/Berlin')
    .option('--from <time>', 'one-off: start (ISO-8601)')
    .option('--until <time>', 'one-off: end (ISO-8601)')
    .option(
      '--by <person>',
      'deprecated: must name who runs the command (the OS user, or the user of --token)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadFreezeModule, (m) => m.runFreezeAdd));
  freeze
    .command('import')
    .description(
      'Freeze every event of an iCalendar file (change calendar, public holidays; RRULE, EXDATE and TZID read) within a range, as one-off freezes',
    )
    .argument('<file>', 'the .ics file')
    .requiredOption('--env <id>', "environment, or '*' for all")
    .option('--from <time>', 'start of the range (ISO-8601), default now')
    .option('--until <time>', 'end of the range (ISO-8601), default 366 days after --from')
    .option('--time-zone <zone>', "IANA zone of all-day and floating times, default the policy's zone")
    .option(
      '--by <person>',
      'deprecated: must name who runs the command (the OS user, or the user of --token)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadFreezeModule, (m) => m.runFreezeImport));
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
    .option(
      '--by <person>',
      'deprecated: must name who runs the command (the OS user, or the user of --token)',
    )
    .requiredOption('--reason <text>', 'why')
    .option('--service <id>', 'only this service')
    .option('--for <duration>', 'how long, such as 90m or 2h (at most 72h)', '1h')
    .option('--from <time>', 'start (ISO-8601), default now')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadFreezeModule, (m) => m.runFreezeBreakGlass));
}
