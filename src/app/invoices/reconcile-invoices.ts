import { parsePeriod } from '../../core/allocation/billing-period.js';
import { TollgateError } from '../../core/errors.js';
import {
  type InvoiceAcceptance,
  type InvoiceStatus,
  invoiceStatus,
} from '../../core/invoices/invoice-status.js';
import {
  allowedDifference,
  findTolerance,
  type InvoiceTolerance,
} from '../../core/invoices/invoice-tolerance.js';
import { type InvoiceReconciliation, reconcileInvoice } from '../../core/invoices/reconcile-invoice.js';
import { Decimal, isDecimalText } from '../../core/money.js';
import type { Stores } from '../../ports/stores.js';

export interface SettledReconciliation extends InvoiceReconciliation {
  /** The provider of the invoice's lines, null when it has none. */
  providerName: string | null;
  /** The largest difference allowed on this invoice, and where that came from. */
  allowed: string;
  tolerance: InvoiceTolerance | null;
  status: InvoiceStatus;
  /** The accepted difference, when one was accepted (it may no longer hold: see status). */
  acceptance: InvoiceAcceptance | null;
}

export interface PeriodReconciliation {
  period: string;
  /** The one tolerance asked for, or null when each invoice's configured tolerance applied. */
  tolerance: string | null;
  invoices: SettledReconciliation[];
  /** Every invoice within its tolerance (false when the period has no invoice: nothing to close on). */
  reconciled: boolean;
  /** Every invoice matched, within tolerance or accepted: the period may close. */
  settled: boolean;
}

/**
 * Each invoice of a period against the billed cost of its lines (by invoice id, else by its
 * account and period), the difference explained by category, with its status: matched,
 * within the tolerance configured for its account, provider or by default (exact when none
 * is), accepted with a reason, or open. `tolerance`, when given, applies one tolerance to
 * every invoice instead of the configured ones (to look, not to close: see settleInvoices).
 */
export async function reconcileInvoices(
  stores: Stores,
  input: { period: string; tolerance?: string | undefined },
  labels: { period: string; tolerance: string } = { period: 'period', tolerance: 'tolerance' },
): Promise<PeriodReconciliation> {
  const period = parsePeriod(input.period, labels.period);
  const flat = input.tolerance === undefined ? null : input.tolerance.trim();
  if (flat !== null && (!isDecimalText(flat) || flat.startsWith('-'))) {
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
      `${period} has no invoices to reconcile; load the invoices first.`,
      'not-found',
    );
  }
  const results = await reconcileWithStatus(stores, period, flat);
  return {
    period,
    tolerance: flat,
    invoices: results,
    reconciled: results.every((result) => result.reconciled),
    settled: results.every((result) => result.status !== 'open'),
  };
}

/** Every invoice of a period with its status (an empty list when it has none). */
export async function reconcileWithStatus(
  stores: Stores,
  period: string,
  flatTolerance: string | null,
): Promise<SettledReconciliation[]> {
  const invoices = await stores.invoices.listInvoices(period);
  if (invoices.length === 0) return [];
  const figures = new Map((await stores.invoices.lineFigures(period)).map((row) => [row.invoiceId, row]));
  const tolerances = flatTolerance === null ? await stores.invoices.listTolerances() : [];
  const acceptances = new Map(
    (await stores.invoices.listAcceptances(period)).map((acceptance) => [acceptance.invoiceId, acceptance]),
  );
  return invoices.map((invoice) => {
    const lines = figures.get(invoice.invoiceId)!;
    const found =
      flatTolerance === null
        ? findTolerance(tolerances, invoice.billingAccountId, lines.providerName)
        : undefined;
    const tolerance: InvoiceTolerance | null = found
      ? { scope: found.scope, key: found.key, absolute: found.absolute, percent: found.percent }
      : null;
    const invoiceTotal = new Decimal(invoice.amount).plus(invoice.tax).toFixed();
    const allowed = flatTolerance ?? allowedDifference(tolerance ?? undefined, invoiceTotal);
    const result = reconcileInvoice(invoice, lines, allowed);
    const acceptance = acceptances.get(invoice.invoiceId) ?? null;
    return {
      ...result,
      providerName: lines.providerName,
      allowed,
      tolerance,
      status: invoiceStatus(result.difference, allowed, acceptance ?? undefined),
      acceptance,
    };
  });
}
