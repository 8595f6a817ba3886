import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadRulesModule = () => import('../commands/rules-command.js');

export function defineRulesCommand(program: Command): void {
  const rules = program
    .command('rules')
    .description('Allocation rule sets: check, preview, apply, history, diff, restore');
  rules
    .command('check <file>')
    .description(
      'Syntax and semantic errors with line numbers, rules that can never match, fixed splits not summing to 100',
    )
    .option('--catalog <path>', 'check against this catalogue file or folder instead of the stored one')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadRulesModule, (m) => m.runRulesCheck));
  rules
    .command('preview <file>')
    .description(
      'What the rule set would change in a period, before applying it: cost moving between owners, new unallocated share',
    )
    .requiredOption('--period <YYYY-MM>', 'billing period to preview')
    .option('--by <dimension>', 'team, service, cost-centre, business-unit or environment', 'team')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadRulesModule, (m) => m.runRulesPreview));
  rules
    .command('apply <file>')
    .description('Check and store the rule set as a new version (audited); closed periods are not changed')
    .option(
      '--effective-from <YYYY-MM>',
      'first period it applies to (default: effective_from in the file, else every period)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadRulesModule, (m) => m.runRulesApply));
  rules
    .command('history')
    .description('Every applied rule set version, newest last')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadRulesModule, (m) => m.runRulesHistory));
  rules
    .command('diff <v1> <v2>')
    .description('What changed between two versions, rule by rule (added, removed, changed, moved)')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadRulesModule, (m) => m.runRulesDiff));
  rules
    .command('restore <version>')
    .description('Apply an earlier version again, as a new version (history is never rewritten)')
    .option(
      '--effective-from <YYYY-MM>',
      'first period it applies to (default: that of the restored version)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadRulesModule, (m) => m.runRulesRestore));
}
