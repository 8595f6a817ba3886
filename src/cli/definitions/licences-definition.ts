import { type Command, Option } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadLicencesModule = () => import('../commands/licences-command.js');

export function defineLicencesCommand(program: Command): void {
  const licences = program
    .command('licences')
    .description('Software licences: entitlements under contracts, who holds them, true-up and shelfware');
  licences
    .command('load')
    .description(
      'Load licence entitlements from a CSV or YAML/JSON file (licences: [...]); each needs a loaded contract; one bad record refuses the whole file',
    )
    .argument('<file>', 'licences file (.csv, .yaml, .yml or .json); see examples/contracts/')
    .option(
      '--by <person>',
      'deprecated: must name who runs the command (the --token user, else the OS login)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadLicencesModule, (m) => m.runLicencesLoad));
  licences
    .command('usage')
    .description(
      'Load who held licences as of a day: a CSV of licenceId, assignee, team, quantity and asOf (assignments or measured consumption); each licence and day gets this snapshot, replacing that day’s, other days kept',
    )
    .argument('<file>', 'usage file (.csv, or YAML/JSON usage: [...])')
    .option('--as-of <date>', 'the day of rows without an asOf, YYYY-MM-DD (default today UTC)')
    .option(
      '--by <person>',
      'deprecated: must name who runs the command (the --token user, else the OS login)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadLicencesModule, (m) => m.runLicencesUsage));
  licences
    .command('list')
    .description(
      'Every licence against its usage: shortfall (compliance risk) and shelfware, with their cost',
    )
    .option('--as-of <date>', 'from the newest usage snapshot on or before this day (default the newest)')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadLicencesModule, (m) => m.runLicencesList));
  licences
    .command('post')
    .description(
      'Post licence cost up to a month as cost lines, split among the teams holding them (the owner pays the shelfware), loaded like a billing export; posting again replaces the months it repeats',
    )
    .requiredOption('--through <month>', 'last month to post, YYYY-MM')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadLicencesModule, (m) => m.runLicencesPost));
  licences
    .command('trend')
    .description(
      'Licence usage over time: shortfall and shelfware month by month with their cost, and each licence’s peak usage',
    )
    .requiredOption('--from <month>', 'first month, YYYY-MM')
    .requiredOption('--to <month>', 'last month, YYYY-MM')
    .option('--product <product>', "only this product's licences")
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'),
    )
    .option('--json', 'same as --format json')
    .action(
      lazyAction(
        () => import('../commands/licences-trend-action.js'),
        (m) => m.runLicencesTrend,
      ),
    );
}
