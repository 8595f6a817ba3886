import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadDeliveryModule = () => import('../commands/delivery-command.js');

export function defineDeliveryCommand(program: Command): void {
  const delivery = program
    .command('delivery')
    .description(
      'What delivery costs from the bill: environments per hour and idle ones, the CI bill per pipeline and deployment',
    );
  delivery
    .command('environments')
    .description(
      'Allocated cost of each environment per hour it existed (environment from the allocation, else the env/environment tag), and environments idle with their cost',
    )
    .requiredOption('--from <date>', 'period start, YYYY-MM-DD')
    .requiredOption('--to <date>', 'period end (exclusive), YYYY-MM-DD')
    .option('--idle-days <n>', 'no deployment for this many days before --to makes an environment idle', '14')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadDeliveryModule, (m) => m.runDeliveryEnvironments));
  delivery
    .command('pipelines')
    .description(
      "The CI runners' bill apportioned to pipelines and deployments by pipeline minutes (reconciles exactly), with cost per deployment, per rollback and the change model's process cost",
    )
    .requiredOption('--from <date>', 'period start, YYYY-MM-DD')
    .requiredOption('--to <date>', 'period end (exclusive), YYYY-MM-DD')
    .requiredOption(
      '--ci-service <id>',
      'the catalogue service whose allocated cost is the CI bill, such as ci-runners',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadDeliveryModule, (m) => m.runDeliveryPipelines));
}
