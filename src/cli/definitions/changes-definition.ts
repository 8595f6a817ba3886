import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadChangesModule = () => import('../commands/changes-command.js');

export function defineChangesCommand(program: Command): void {
  const changes = program
    .command('changes')
    .description('Change enablement: change requests, approvals, sign-off, the governance policy');
  changes
    .command('request')
    .description('Raise a change request for a deployment')
    .requiredOption('--service <id>', 'catalogue service')
    .requiredOption('--env <id>', 'target environment')
    .requiredOption('--estimate <amount>', 'estimated cost of the change')
    .option('--change-type <type>', 'standard, normal or emergency', 'normal')
    .option('--release <id>', 'the release it belongs to')
    .option('--version <version>', 'the version to deploy')
    .option(
      '--by <person>',
      'deprecated: must name who runs the command (the OS user, or the user of --token)',
    )
    .option('--ready-at <time>', 'when the change was ready to deploy (default now)')
    .option('--justification <text>', 'out-of-cycle: why it should go outside the deployment windows')
    .option('--expedite-cost <amount>', 'out-of-cycle: what deploying now costs extra')
    .option('--cost-of-delay <amount>', 'out-of-cycle: business value lost per week of waiting')
    .option('--at <time>', 'request time (ISO-8601), default now')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadChangesModule, (m) => m.runChangesRequest));
  for (const verb of ['approve', 'reject'] as const) {
    const decide = changes
      .command(verb)
      .description(
        verb === 'approve'
          ? 'Approve a change in a role (or give the financial sign-off with --sign-off)'
          : 'Reject a change; it is closed as rejected',
      )
      .argument('<id>', 'change id')
      .option(
        '--by <person>',
        'deprecated: must name who runs the command (the OS user, or the user of --token)',
      )
      .requiredOption(
        '--role <role>',
        'the role decided in: budget-owner, service-owner, finance, cab, executive',
      )
      .option('--comment <text>', 'a comment for the record')
      .option('--at <time>', 'decision time (ISO-8601), default now')
      .option('--json', 'print as JSON');
    if (verb === 'approve')
      decide.option('--sign-off', "the service owner's financial sign-off before production");
    decide.action(
      lazyAction(loadChangesModule, (m) => (verb === 'approve' ? m.runChangesApprove : m.runChangesReject)),
    );
  }
  changes
    .command('show')
    .description('One change with its approvals, or the list of changes')
    .argument('[id]', 'change id')
    .option('--service <id>', 'list: one service')
    .option('--status <status>', 'list: open, rejected or closed')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadChangesModule, (m) => m.runChangesShow));
  changes
    .command('risk')
    .description("A change's risk from the organisation's history and the money at stake, with its inputs")
    .argument('<id>', 'change id')
    .option('--at <time>', 'assess as of this time (ISO-8601), default now')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadChangesModule, (m) => m.runChangesRisk));
  changes
    .command('log')
    .description(
      'The append-only decision log: gates, approvals, sign-offs, break-glass, policy and rate card changes',
    )
    .option('--kind <kind>', 'only this kind, such as gate or break-glass')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadChangesModule, (m) => m.runChangesLog));
  const policy = changes
    .command('policy')
    .description('The governance policy: change models, approver roles, deployment windows, cost model');
  policy
    .command('apply')
    .description('Apply a governance policy YAML; it becomes the current one')
    .argument('<file>', 'policy YAML')
    .option(
      '--by <person>',
      'deprecated: must name who runs the command (the OS user, or the user of --token)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadChangesModule, (m) => m.runChangesPolicyApply));
  policy
    .command('show')
    .description('Show the current governance policy')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadChangesModule, (m) => m.runChangesPolicyShow));
}
