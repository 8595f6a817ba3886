import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadAssetsModule = () => import('../commands/assets-command.js');

export function defineAssetsCommand(program: Command): void {
  const assets = program
    .command('assets')
    .description('The asset register: owned hardware and its monthly depreciation');
  assets
    .command('load')
    .description(
      'Load assets from a CSV (header row of field names) or YAML/JSON file (assets: [...]); new ids are added, changed ones get a new version; one bad record refuses the whole file',
    )
    .argument('<file>', 'register file (.csv, .yaml, .yml or .json); see examples/assets/')
    .option(
      '--by <person>',
      'deprecated: must name who runs the command (the --token user, else the OS login)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAssetsModule, (m) => m.runAssetsLoad));
  assets
    .command('list')
    .description('Every asset as it is now, with its book value at the end of a month')
    .option('--as-of <month>', 'month to value the assets at, YYYY-MM (default: this month)')
    .option('--team <team>', 'only assets this team owns')
    .option('--status <status>', 'only assets in this status: ordered, in-service, retired, disposed')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAssetsModule, (m) => m.runAssetsList));
  assets
    .command('show')
    .description('One asset: its fields, its depreciation schedule month by month and its versions')
    .argument('<id>', 'asset id')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAssetsModule, (m) => m.runAssetsShow));
  assets
    .command('post')
    .description(
      "Post the register's depreciation up to a month as cost lines (CAPEX, x_asset_id, owner tags), loaded like a billing export; posting again replaces the months it repeats",
    )
    .requiredOption('--through <month>', 'last month to post, YYYY-MM')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAssetsModule, (m) => m.runAssetsPost));
  assets
    .command('capex-opex')
    .description('CAPEX (posted depreciation) and OPEX (every other cost line) per owner and month')
    .option(
      '--by <dimension>',
      'owner: tag:team, tag:service, or team / catalog-service after allocation',
      'tag:team',
    )
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'day after the last, YYYY-MM-DD')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAssetsModule, (m) => m.runAssetsCapexOpex));
  assets
    .command('reconcile')
    .description(
      'The register against what was seen: billing lines (their resource ids) and a discovery CSV (hostname, serial, resourceId): matched, not seen, not in the register',
    )
    .option('--discovery <file>', 'discovery CSV with the columns hostname, serial, resourceId')
    .option('--provider <name>', 'only billing lines of this provider')
    .option('--from <date>', 'first day of billing lines, YYYY-MM-DD')
    .option('--to <date>', 'day after the last, YYYY-MM-DD')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAssetsModule, (m) => m.runAssetsReconcile));
}
