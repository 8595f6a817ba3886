import type { Command } from 'commander';
import { commandLineActor } from '../../app/audit/record-audit.js';
import { loadInvoices } from '../../app/invoices/load-invoices.js';
import { reconcileInvoices } from '../../app/invoices/reconcile-invoices.js';
import { TollgateError } from '../../core/errors.js';
import { printJson, withStores } from '../cli-context.js';

export async function runInvoicesLoad(file: string, flags: { json?: boolean }, command: Command) {
  const result = await withStores(command, (stores) => loadInvoices(stores, commandLineActor(), file));
  if (flags.json) printJson(result);
  else process.stdout.write(`${result.path}: ${result.invoices.length} invoices loaded\n`);
}

export async function runInvoicesReconcile(
  flags: { period: string; tolerance: string; json?: boolean },
  command: Command,
) {
  const result = await withStores(command, (stores) =>
    reconcileInvoices(
      stores,
      { period: flags.period, tolerance: flags.tolerance },
      { period: '--period', tolerance: '--tolerance' },
    ),
  );
  if (flags.json) printJson(result);
  else {
    const lines = result.invoices.map((invoice) => {
      const why = invoice.explained.map((part) => `${part.category} ${part.amount}`).join(', ');
      return `${invoice.reconciled ? 'ok  ' : 'DIFF'} ${invoice.invoiceId} ${invoice.currency} invoice ${invoice.invoiceTotal} lines ${invoice.linesTotal} (${invoice.lines} by ${invoice.matchedBy}) difference ${invoice.difference}${why ? `: ${why}` : ''}`;
    });
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  const open = result.invoices.filter((invoice) => !invoice.reconciled);
  if (open.length > 0) {
    throw new TollgateError(
      'INVOICES_NOT_RECONCILED',
      `${open.length} invoice(s) of ${result.period} differ from their lines by more than ${result.tolerance}: ${open.map((invoice) => invoice.invoiceId).join(', ')}. Load the missing lines or invoices, or raise --tolerance.`,
      'conflict',
    );
  }
}
