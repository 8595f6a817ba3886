import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import { listLength } from './option-parsers.js';

const loadExplainModule = () => import('../commands/explain-command.js');

export function defineExplainCommand(program: Command): void {
  program
    .command('explain')
    .description('Trace an allocated figure back: the rules and the largest cost lines behind it')
    .option('--team <id>', 'a team')
    .option('--service <id>', 'a catalogue service')
    .option('--cost-centre <id>', 'a cost centre')
    .option('--environment <id>', 'a catalogue environment (says whether a rule or the tag gave it)')
    .requiredOption('--period <YYYY-MM>', 'billing period')
    .option('--top <n>', 'how many lines to list', listLength, 10)
    .option('--json', 'print as JSON')
    .action(lazyAction(loadExplainModule, (m) => m.runExplain));
}
