import type { Invoice, InvoiceLineFigures } from '../core/invoices/invoice-model.js';

export type { Invoice, InvoiceLineFigures } from '../core/invoices/invoice-model.js';

/** Provider invoices, and the cost lines' figures to reconcile them against. */
export interface InvoiceStore {
  /** Stores invoices, replacing any with the same id. */
  replaceInvoices(invoices: Invoice[], sourcePath: string): Promise<void>;
  listInvoices(period: string): Promise<Invoice[]>;
  lineFigures(period: string): Promise<InvoiceLineFigures[]>;
}
