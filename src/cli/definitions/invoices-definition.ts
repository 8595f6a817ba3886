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
      "Each invoice of a period against its lines' billed cost, the difference explained (tax, credits, rounding, lines missing, lines not invoiced); exit 1 when one does not reconcile",
    )
    .requiredOption('--period <YYYY-MM>', 'billing period')
    .option('--tolerance <amount>', 'largest difference that still reconciles', '0')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadInvoicesModule, (m) => m.runInvoicesReconcile));
}
