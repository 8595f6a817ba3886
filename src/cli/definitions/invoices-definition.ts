import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadInvoicesModule = () => import('../commands/invoices-command.js');

export function defineInvoicesCommand(program: Command): void {
  const invoices = program
    .command('invoices')
    .description("Providers' invoices: load them and reconcile them against the cost lines");
  invoices
    .command('load <file>')
    .description(
      'Load a plain invoice CSV (invoice_id,account,period,currency,amount,tax); same ids are replaced (audited)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadInvoicesModule, (m) => m.runInvoicesLoad));
  invoices
    .command('reconcile')
    .description(
      "Each invoice of a period against its lines' billed cost, the difference explained (tax, credits, rounding, lines missing, lines not invoiced), with its status (matched, within tolerance, accepted, open); exit 1 when one is open",
    )
    .requiredOption('--period <YYYY-MM>', 'billing period')
    .option(
      '--tolerance <amount>',
      'one largest difference for every invoice instead of the configured tolerances (to look, not to close)',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadInvoicesModule, (m) => m.runInvoicesReconcile));
  invoices
    .command('accept <invoice-id>')
    .description(
      "Accept an invoice's present difference with a reason (audited); it holds while the difference stays the same, and lets the period close",
    )
    .requiredOption('--reason <text>', 'why the difference is accepted, for the audit log')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadInvoicesModule, (m) => m.runInvoicesAccept));
  const tolerance = invoices
    .command('tolerance')
    .description(
      'How far an invoice may differ from its lines: per billing account, per provider, or by default (none: exact)',
    );
  tolerance
    .command('set')
    .description(
      'Set a tolerance (audited): --absolute in the invoice currency, --percent of the invoice total, or both (the smaller applies)',
    )
    .option('--account <id>', 'billing account it applies to')
    .option('--provider <name>', 'provider it applies to (accounts without their own)')
    .option('--default', 'every invoice without an account or provider tolerance')
    .option('--absolute <amount>', 'largest difference, in the invoice currency')
    .option('--percent <number>', 'largest difference, percent of the invoice total')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadInvoicesModule, (m) => m.runInvoicesToleranceSet));
  tolerance
    .command('remove')
    .description('Remove a tolerance (audited)')
    .option('--account <id>', 'billing account')
    .option('--provider <name>', 'provider')
    .option('--default', 'the default tolerance')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadInvoicesModule, (m) => m.runInvoicesToleranceRemove));
  tolerance
    .command('list', { isDefault: true })
    .description('The tolerances set')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadInvoicesModule, (m) => m.runInvoicesToleranceList));
}
