import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadConformanceModule = () => import('../commands/conformance-command.js');

export function defineConformanceCommand(program: Command): void {
  program
    .command('conformance')
    .description(
      'Governance conformance: production deployments with no change, no gate decision, deployed after a deny, approved after deployment, outside windows or in freezes without break-glass, and emergency changes, by team and month with cost',
    )
    .requiredOption('--from <date>', 'period start (deployments started at or after), YYYY-MM-DD')
    .requiredOption('--to <date>', 'period end (exclusive), YYYY-MM-DD')
    .option('--team <id>', 'only this owning team')
    .option(
      '--as-of <time>',
      'post-implementation reviews due or overdue as of this time (ISO-8601), default now',
    )
    .option('--findings', 'also list every deployment with a finding')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadConformanceModule, (m) => m.runConformance));
}
