import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadFocusModule = () => import('../commands/focus-command.js');

export function defineFocusCommand(program: Command): void {
  const focus = program.command('focus').description('FOCUS files: check one against the specification');
  focus
    .command('check <file>')
    .description(
      "Apply FOCUS's column rules (presence, types, allowed values, nullability, single-file cross-column rules) to a CSV or Parquet file; exit 1 on a MUST failure",
    )
    .option('--json', 'print the result as JSON')
    .action(lazyAction(loadFocusModule, (m) => m.runFocusCheck));
}
