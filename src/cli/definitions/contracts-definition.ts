import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadContractsModule = () => import('../commands/contracts-command.js');

export function defineContractsCommand(program: Command): void {
  const contracts = program
    .command('contracts')
    .description('Vendor contracts: terms, renewal notice deadlines, committed spend and SLA credits');
  contracts
    .command('load')
    .description(
      'Load vendor contracts from a YAML/JSON file (contracts: [...]) or a CSV (slas as JSON); new ids are added, changed ones get a new version; one bad record refuses the whole file',
    )
    .argument('<file>', 'contracts file (.yaml, .yml, .json or .csv); see examples/contracts/')
    .option(
      '--by <person>',
      'deprecated: must name who runs the command (the --token user, else the OS login)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadContractsModule, (m) => m.runContractsLoad));
  contracts
    .command('list')
    .description(
      'Every contract: notice deadline, committed against actual spend from the bills, SLA credits',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadContractsModule, (m) => m.runContractsList));
  contracts
    .command('show')
    .description('One contract: its terms, service levels, breaches with their credits, and its versions')
    .argument('<id>', 'contract id')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadContractsModule, (m) => m.runContractsShow));
  contracts
    .command('renewals')
    .description('Contracts whose notice deadline falls within the next days (or has passed while they run)')
    .option('--within <days>', 'how many days ahead to look (default TOLLGATE_RENEWAL_WINDOW_DAYS, else 90)')
    .option('--as-of <date>', 'count from this day, YYYY-MM-DD (default today UTC)')
    .option('--alert', 'raise renewal alerts (one per contract and deadline) and notify the alert webhooks')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadContractsModule, (m) => m.runContractsRenewals));
  contracts
    .command('breach')
    .description(
      'Record a missed service level for a month; the credit owed is computed from the contract schedule',
    )
    .argument('<contract>', 'contract id')
    .requiredOption('--sla <name>', 'the service level missed, as the contract names it')
    .requiredOption('--month <month>', 'month measured, YYYY-MM')
    .requiredOption('--measured <percent>', 'level reached, in percent (e.g. 99.2)')
    .option('--incident <id>', 'the incident behind the breach')
    .option(
      '--by <person>',
      'deprecated: must name who runs the command (the --token user, else the OS login)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadContractsModule, (m) => m.runContractsBreach));
  contracts
    .command('credit')
    .description('Record the credit a vendor paid for a breach (a new version of the breach)')
    .argument('<breach>', 'breach id (contract:sla:month)')
    .requiredOption('--amount <amount>', 'amount received, in the contract currency')
    .requiredOption('--received-on <date>', 'day it was received, YYYY-MM-DD')
    .option(
      '--by <person>',
      'deprecated: must name who runs the command (the --token user, else the OS login)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadContractsModule, (m) => m.runContractsCredit));
}
