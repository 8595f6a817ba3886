import type { Invoice, InvoiceLineFigures } from '../core/invoices/invoice-model.js';
import type { InvoiceAcceptance } from '../core/invoices/invoice-status.js';
import type { InvoiceTolerance, StoredTolerance } from '../core/invoices/invoice-tolerance.js';

export type { Invoice, InvoiceLineFigures } from '../core/invoices/invoice-model.js';
export type { InvoiceAcceptance } from '../core/invoices/invoice-status.js';
export type { InvoiceTolerance, StoredTolerance } from '../core/invoices/invoice-tolerance.js';

/** Provider invoices, and the cost lines' figures to reconcile them against. */
export interface InvoiceStore {
  /** Stores invoices, replacing any with the same id. */
  replaceInvoices(invoices: Invoice[], sourcePath: string): Promise<void>;
  listInvoices(period: string): Promise<Invoice[]>;
  lineFigures(period: string): Promise<InvoiceLineFigures[]>;
  /** One invoice by id, whatever its period; undefined when none was loaded. */
  getInvoice(invoiceId: string): Promise<Invoice | undefined>;
  /** Sets the tolerance of a scope and key, replacing the one it had. */
  setTolerance(tolerance: InvoiceTolerance, setBy: string): Promise<void>;
  /** Removes the tolerance of a scope and key; false when it had none. */
  removeTolerance(scope: InvoiceTolerance['scope'], key: string): Promise<boolean>;
  listTolerances(): Promise<StoredTolerance[]>;
  /** Records an accepted difference, replacing an earlier acceptance of the same invoice. */
  acceptDifference(acceptance: Omit<InvoiceAcceptance, 'acceptedAt'>): Promise<void>;
  /** The acceptances of the invoices of a period. */
  listAcceptances(period: string): Promise<InvoiceAcceptance[]>;
}
