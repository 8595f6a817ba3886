import { Decimal } from '../money.js';
import type { Invoice, InvoiceLineFigures } from './invoice-model.js';

export type DifferenceCategory = 'tax' | 'credits' | 'rounding' | 'lines missing' | 'lines not invoiced';

export interface InvoiceReconciliation {
  invoiceId: string;
  billingAccountId: string;
  currency: string;
  matchedBy: InvoiceLineFigures['matchedBy'];
  lines: number;
  invoiceTotal: string;
  linesTotal: string;
  /** invoice total - lines total. */
  difference: string;
  /** The difference split by cause; the parts sum to it exactly. */
  explained: { category: DifferenceCategory; amount: string }[];
  /** Billed cost of the account's lines in the period that carry no invoice id. */
  notInvoiced: string;
  reconciled: boolean;
}

/** Below this, a difference is rounding: half the smallest unit of most currencies (0.01). */
const ROUNDING = new Decimal('0.005');

/**
 * Reconciles one invoice with its lines' billed cost.
 * 1. Invoice total = amount + tax; lines total = charges + credits + tax lines.
 * 2. Tax: the invoice's tax minus the tax lines (tax the lines do not carry, or the reverse).
 * 3. Credits: when what is left equals minus the lines' credits, the invoice leaves them out.
 * 4. Rounding: what is left below half a cent.
 * 5. The rest: positive, the invoice bills more than the lines (lines missing); negative, the
 *    lines hold more than was invoiced (lines not invoiced).
 * Reconciled when the difference is within `tolerance` (default 0: exact).
 */
export function reconcileInvoice(
  invoice: Invoice,
  figures: InvoiceLineFigures,
  tolerance: string = '0',
): InvoiceReconciliation {
  const invoiceTotal = new Decimal(invoice.amount).plus(invoice.tax);
  const linesTotal = new Decimal(figures.charges).plus(figures.credits).plus(figures.tax);
  const difference = invoiceTotal.minus(linesTotal);
  const explained: InvoiceReconciliation['explained'] = [];
  const add = (category: DifferenceCategory, amount: Decimal) => {
    if (!amount.isZero()) explained.push({ category, amount: amount.toFixed() });
  };
  const taxGap = new Decimal(invoice.tax).minus(figures.tax);
  add('tax', taxGap);
  let rest = difference.minus(taxGap);
  const credits = new Decimal(figures.credits);
  if (!credits.isZero() && rest.equals(credits.negated())) {
    add('credits', rest);
    rest = new Decimal(0);
  }
  if (rest.abs().lessThan(ROUNDING)) add('rounding', rest);
  else add(rest.isPositive() ? 'lines missing' : 'lines not invoiced', rest);
  return {
    invoiceId: invoice.invoiceId,
    billingAccountId: invoice.billingAccountId,
    currency: invoice.currency,
    matchedBy: figures.matchedBy,
    lines: figures.lines,
    invoiceTotal: invoiceTotal.toFixed(),
    linesTotal: linesTotal.toFixed(),
    difference: difference.toFixed(),
    explained,
    notInvoiced: new Decimal(figures.notInvoiced).toFixed(),
    reconciled: difference.abs().lessThanOrEqualTo(tolerance),
  };
}
