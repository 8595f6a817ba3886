import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadPirModule = () => import('../commands/pir-command.js');

function defineReviewWrite(pir: Command, name: 'add' | 'update', description: string) {
  pir
    .command(name)
    .description(description)
    .argument('<change>', 'the change request id, such as CHG-12')
    .requiredOption('--outcome <outcome>', 'successful, partially-successful, failed or rolled-back')
    .requiredOption('--lessons <text>', 'what the change taught')
    .requiredOption('--at <time>', 'when the review was held (ISO-8601), after the deployment')
    .option('--incident <id...>', 'incidents the change caused or met')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadPirModule, (m) => (name === 'add' ? m.runPirAdd : m.runPirUpdate)));
}

export function definePirCommand(program: Command): void {
  const pir = program
    .command('pir')
    .description(
      'Post-implementation reviews of changes: outcome, cost against estimate from the bill, incidents, lessons (the reviewer is who runs the command)',
    );
  defineReviewWrite(pir, 'add', "Record a change's post-implementation review (audited; one per change)");
  defineReviewWrite(pir, 'update', "Replace a change's post-implementation review (audited)");
  pir
    .command('list')
    .description('Every post-implementation review')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadPirModule, (m) => m.runPirList));
  pir
    .command('show')
    .description("One change's post-implementation review")
    .argument('<change>', 'the change request id')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadPirModule, (m) => m.runPirShow));
}
