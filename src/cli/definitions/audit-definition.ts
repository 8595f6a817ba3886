import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadAuditModule = () => import('../commands/audit-command.js');

export function defineAuditCommand(program: Command): void {
  const audit = program
    .command('audit')
    .description('The hash-chained audit log of every state change: verify, export');
  audit
    .command('verify')
    .description('Check the chain: an edited, deleted or reordered entry is found and named (exit 1)')
    .option('--expect-head <hash>', 'the head hash recorded earlier, to detect entries removed from the end')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAuditModule, (m) => m.runAuditVerify));
  audit
    .command('export')
    .description('Write entries as JSON lines, oldest first')
    .option('--output <file>', 'write to a file instead of standard output')
    .option('--actor <actor>', 'only this actor, e.g. user:alice or cli:root')
    .option('--action <action>', 'only this action or prefix, e.g. sources')
    .option('--target <target>', 'only this target, e.g. load:3')
    .option('--since <instant>', 'from this date or instant, inclusive')
    .option('--until <instant>', 'before this date or instant')
    .option('--json', 'output is JSON lines already; accepted for consistency')
    .action(lazyAction(loadAuditModule, (m) => m.runAuditExport));
}
