import { Decimal } from '../money.js';

/**
 * Where an invoice stands for the period's close:
 * - matched: the invoice equals its lines exactly;
 * - within-tolerance: it differs, by no more than the tolerance that applies;
 * - accepted: it differs by more, and someone accepted exactly this difference with a reason;
 * - open: it differs by more and nobody accepted it (the period cannot be closed).
 */
export type InvoiceStatus = 'matched' | 'within-tolerance' | 'accepted' | 'open';
export const INVOICE_STATUSES: readonly InvoiceStatus[] = ['matched', 'within-tolerance', 'accepted', 'open'];

/** A difference accepted with a reason (audited): who, when, why, and the amount accepted. */
export interface InvoiceAcceptance {
  invoiceId: string;
  difference: string;
  reason: string;
  acceptedBy: string;
  acceptedAt: string;
}

/**
 * The status of one invoice. An acceptance holds only for the difference it accepted: when new
 * lines or a reloaded invoice change the difference, the invoice is open again.
 */
export function invoiceStatus(
  difference: string,
  allowed: string,
  acceptance: InvoiceAcceptance | undefined,
): InvoiceStatus {
  const gap = new Decimal(difference);
  if (gap.isZero()) return 'matched';
  if (gap.abs().lessThanOrEqualTo(allowed)) return 'within-tolerance';
  if (acceptance && gap.equals(acceptance.difference)) return 'accepted';
  return 'open';
}
