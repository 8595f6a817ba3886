import { parsePeriod } from '../../core/allocation/billing-period.js';
import { TollgateError } from '../../core/errors.js';
import { type InvoiceReconciliation, reconcileInvoice } from '../../core/invoices/reconcile-invoice.js';
import { isDecimalText } from '../../core/money.js';
import type { Stores } from '../../ports/stores.js';

export interface PeriodReconciliation {
  period: string;
  tolerance: string;
  invoices: InvoiceReconciliation[];
  /** Every invoice within the tolerance (false when the period has no invoice: nothing to close on). */
  reconciled: boolean;
}

/**
 * Each invoice of a period against the billed cost of its lines (by invoice id, else by its
 * account and period), the difference explained by category. `tolerance` (default exact)
 * is how far apart an invoice and its lines may be and still reconcile.
 */
export async function reconcileInvoices(
  stores: Stores,
  input: { period: string; tolerance?: string },
  labels: { period: string; tolerance: string } = { period: 'period', tolerance: 'tolerance' },
): Promise<PeriodReconciliation> {
  const period = parsePeriod(input.period, labels.period);
  const tolerance = (input.tolerance ?? '0').trim();
  if (!isDecimalText(tolerance) || tolerance.startsWith('-')) {
    throw new TollgateError(
      'INVOICES_BAD_TOLERANCE',
      `${labels.tolerance} ${input.tolerance} is not an amount of zero or more, such as 0.01.`,
      'usage',
    );
  }
  const invoices = await stores.invoices.listInvoices(period);
  if (invoices.length === 0) {
    throw new TollgateError(
      'INVOICES_NONE',
      `${period} has no invoices to reconcile; load them with tollgate invoices load FILE.`,
      'not-found',
    );
  }
  const figures = new Map((await stores.invoices.lineFigures(period)).map((row) => [row.invoiceId, row]));
  const results = invoices.map((invoice) =>
    reconcileInvoice(invoice, figures.get(invoice.invoiceId)!, tolerance),
  );
  return { period, tolerance, invoices: results, reconciled: results.every((result) => result.reconciled) };
}
