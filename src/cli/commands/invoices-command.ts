import type { Command } from 'commander';
import { loadInvoices } from '../../app/invoices/load-invoices.js';
import {
  acceptInvoiceDifference,
  listInvoiceTolerances,
  removeInvoiceTolerance,
  setInvoiceTolerance,
} from '../../app/invoices/manage-invoice-settlement.js';
import { reconcileInvoices } from '../../app/invoices/reconcile-invoices.js';
import { TollgateError } from '../../core/errors.js';
import { printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';

export async function runInvoicesLoad(file: string, flags: { json?: boolean }, command: Command) {
  const result = await withIdentity(command, 'sources:write', (stores, { actor }) =>
    loadInvoices(stores, actor, file),
  );
  if (flags.json) printJson(result);
  else process.stdout.write(`${result.path}: ${result.invoices.length} invoices loaded\n`);
}

export async function runInvoicesReconcile(
  flags: { period: string; tolerance?: string; json?: boolean },
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
      const accepted = invoice.acceptance
        ? ` [accepted ${invoice.acceptance.difference} by ${invoice.acceptance.acceptedBy}: ${invoice.acceptance.reason}]`
        : '';
      return `${invoice.status.padEnd(16)} ${invoice.invoiceId} ${invoice.currency} invoice ${invoice.invoiceTotal} lines ${invoice.linesTotal} (${invoice.lines} by ${invoice.matchedBy}) difference ${invoice.difference} (allowed ${invoice.allowed})${why ? `: ${why}` : ''}${accepted}`;
    });
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  const open = result.invoices.filter((invoice) => invoice.status === 'open');
  if (open.length > 0) {
    throw new TollgateError(
      'INVOICES_NOT_RECONCILED',
      `${open.length} invoice(s) of ${result.period} differ from their lines beyond tolerance: ${open.map((invoice) => `${invoice.invoiceId} (${invoice.currency} ${invoice.difference})`).join(', ')}. Load the missing lines or invoices, set a tolerance (tollgate invoices tolerance set), or accept the difference (tollgate invoices accept ID --reason TEXT).`,
      'conflict',
    );
  }
}

export async function runInvoicesAccept(
  invoiceId: string,
  flags: { reason: string; json?: boolean },
  command: Command,
) {
  const result = await withIdentity(command, 'allocation:run', (stores, { actor }) =>
    acceptInvoiceDifference(stores, actor, { invoiceId, reason: flags.reason }, { reason: '--reason' }),
  );
  if (flags.json) return printJson(result);
  process.stdout.write(
    `${invoiceId}: difference ${result.invoice.currency} ${result.acceptance.difference} accepted by ${result.acceptance.acceptedBy} (${result.acceptance.reason})\n`,
  );
}

interface ScopeFlags {
  account?: string;
  provider?: string;
  default?: boolean;
}

/** --account, --provider or --default: exactly one. */
function readScope(flags: ScopeFlags): { scope: string; key?: string } {
  const given = [flags.account !== undefined, flags.provider !== undefined, flags.default === true];
  if (given.filter(Boolean).length !== 1) {
    throw new TollgateError(
      'INVOICE_TOLERANCE_BAD_SCOPE',
      'Name exactly one of --account ID, --provider NAME or --default.',
      'usage',
    );
  }
  if (flags.account !== undefined) return { scope: 'account', key: flags.account };
  if (flags.provider !== undefined) return { scope: 'provider', key: flags.provider };
  return { scope: 'default' };
}

const TOLERANCE_LABELS = {
  scope: '--account/--provider/--default',
  key: '--account or --provider',
  absolute: '--absolute',
  percent: '--percent',
};

export async function runInvoicesToleranceSet(
  flags: ScopeFlags & { absolute?: string; percent?: string; json?: boolean },
  command: Command,
) {
  const scope = readScope(flags);
  const result = await withIdentity(command, 'allocation:run', (stores, { actor }) =>
    setInvoiceTolerance(
      stores,
      actor,
      { ...scope, absolute: flags.absolute, percent: flags.percent },
      TOLERANCE_LABELS,
    ),
  );
  if (flags.json) return printJson(result);
  process.stdout.write(`Tolerance set: ${result.description}\n`);
}

export async function runInvoicesToleranceRemove(flags: ScopeFlags & { json?: boolean }, command: Command) {
  const scope = readScope(flags);
  const result = await withIdentity(command, 'allocation:run', (stores, { actor }) =>
    removeInvoiceTolerance(stores, actor, scope, TOLERANCE_LABELS),
  );
  if (flags.json) return printJson(result);
  process.stdout.write(`Tolerance removed: ${result.scope}${result.key ? ` ${result.key}` : ''}\n`);
}

export async function runInvoicesToleranceList(flags: { json?: boolean }, command: Command) {
  const result = await withStores(command, (stores) => listInvoiceTolerances(stores));
  if (flags.json) return printJson(result);
  if (result.tolerances.length === 0)
    return void process.stdout.write('No tolerance set: every invoice must match its lines exactly.\n');
  process.stdout.write(
    `${result.tolerances.map((t) => `${t.description} (set by ${t.setBy} at ${t.setAt})`).join('\n')}\n`,
  );
}
