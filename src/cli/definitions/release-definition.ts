import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import { collect } from './option-parsers.js';

const loadReleaseModule = () => import('../commands/release-command.js');

export function defineReleaseCommand(program: Command): void {
  const release = program
    .command('release')
    .description('Releases: bottom-up estimate, budget, actuals, variance');
  release
    .command('create')
    .description('Create a release from a YAML file (--file) or from flags (an empty estimate)')
    .option(
      '--file <path>',
      'release YAML: id, name, services, currency, budget, plannedDate, costOfDelayPerWeek, spendClass, spendReason, estimate',
    )
    .option('--id <id>', 'release id, such as R-2026-03')
    .option('--name <name>', 'release name')
    .option('--service <id>', 'a service the release belongs to (repeat for several)', collect)
    .option('--currency <code>', 'currency of the budget and estimate', 'EUR')
    .option('--budget <amount>', 'the release budget (omit for none)')
    .option('--planned <date>', 'planned production date, YYYY-MM-DD')
    .option('--cost-of-delay <amount>', 'business value lost per week of waiting', '0')
    .option('--spend-class <class>', 'capex or opex')
    .option('--spend-reason <text>', 'why the release is CAPEX or OPEX')
    .option('--at <time>', 'creation time (ISO-8601), default now')
    .option(
      '--by <person>',
      'deprecated: must name who runs the command (the OS user, or the user of --token)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadReleaseModule, (m) => m.runReleaseCreate));
  release
    .command('show')
    .description('A release: estimate, actuals so far, estimate vs actual variance')
    .argument('<id>', 'release id')
    .option('--json', 'print as JSON')
    .option(
      '--currency <code>',
      "reporting currency (ISO 4217): every amount converted into it, each part at its own day's rate (the output says which); default: the release's own",
    )
    .action(lazyAction(loadReleaseModule, (m) => m.runReleaseShow));
  release
    .command('list')
    .description('Every release with estimate, actual and variance')
    .option('--json', 'print as JSON')
    .option(
      '--currency <code>',
      "reporting currency (ISO 4217): every amount converted into it, each part at its own day's rate (the output says which); default: the release's own",
    )
    .action(lazyAction(loadReleaseModule, (m) => m.runReleaseList));
  release
    .command('estimate')
    .description(
      'The bottom-up estimate line by line, with the correction factor from closed releases of the same services',
    )
    .argument('<id>', 'release id')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadReleaseModule, (m) => m.runReleaseEstimate));
  release
    .command('close')
    .description('Close a release: its estimate vs actual is recorded and feeds future correction factors')
    .argument('<id>', 'release id')
    .option('--at <time>', 'closing time (ISO-8601), default now')
    .option(
      '--by <person>',
      'deprecated: must name who runs the command (the OS user, or the user of --token)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadReleaseModule, (m) => m.runReleaseClose));
  release
    .command('log-time')
    .description('Book labour against a release at the rate card rate of the role on that day')
    .argument('<id>', 'release id')
    .requiredOption('--person <name>', 'who worked')
    .requiredOption('--role <role>', 'rate card role')
    .requiredOption('--hours <hours>', 'hours worked, such as 7.5')
    .requiredOption('--date <date>', 'day worked, YYYY-MM-DD')
    .option('--note <text>', 'what the time was for')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadReleaseModule, (m) => m.runReleaseLogTime));
  release
    .command('actuals')
    .description(
      'Actual cost from the bill, part by part with its sources: allocated cloud cost (tags, else the deployment window split by deployments), labour booked, pipeline, deployment process; variance against every baseline',
    )
    .argument('<id>', 'release id')
    .option('--json', 'print as JSON')
    .option(
      '--currency <code>',
      "reporting currency (ISO 4217): every amount converted into it, each part at its own day's rate (the output says which); default: the release's own",
    )
    .action(lazyAction(loadReleaseModule, (m) => m.runReleaseActuals));
  release
    .command('rebaseline')
    .description(
      'Re-baseline an open release: a new estimate version with its reason (audited; the original is kept)',
    )
    .argument('<id>', 'release id')
    .requiredOption(
      '--file <path>',
      "the new estimate, YAML: the release document's estimate (labour, licences, environments, environmentRates, contingency)",
    )
    .requiredOption('--reason <text>', 'why the estimate changes')
    .option('--at <time>', 'time of the re-baseline (ISO-8601), default now')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadReleaseModule, (m) => m.runReleaseRebaseline));
}
