import type { Command } from 'commander';
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
      'Load who holds licences: a CSV of licenceId, assignee, team, quantity (assignments or measured consumption); each licence named gets this usage as its next version',
    )
    .argument('<file>', 'usage file (.csv, or YAML/JSON usage: [...])')
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
}
