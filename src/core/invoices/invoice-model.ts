/** A provider's invoice as a plain CSV gives it (FOCUS 1.4's InvoiceDetail can fill the same shape). */
export interface Invoice {
  invoiceId: string;
  billingAccountId: string;
  /** YYYY-MM. */
  period: string;
  currency: string;
  /** Before tax, a decimal string. */
  amount: string;
  tax: string;
}

/** What the cost lines say about one invoice, billed cost by charge category. */
export interface InvoiceLineFigures {
  invoiceId: string;
  /** 'invoice-id': lines carry the invoice's id; 'account-period': none do, so lines of its account and period without an id. */
  matchedBy: 'invoice-id' | 'account-period';
  lines: number;
  /** The provider of those lines (the first by name when they mix), null without lines. */
  providerName: string | null;
  charges: string;
  credits: string;
  tax: string;
  /** Billed cost of the account's lines in the period that carry no invoice id (when matched by id). */
  notInvoiced: string;
}
