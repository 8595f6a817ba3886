import { isKnownCurrency } from '../currency-codes.js';
import { isDecimalText } from '../money.js';
import type { Invoice } from './invoice-model.js';

export const INVOICE_COLUMNS = ['invoice_id', 'account', 'period', 'currency', 'amount', 'tax'] as const;

export interface InvoiceProblem {
  line: number;
  message: string;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Checks the rows of a plain invoice CSV (header line 1, so a row's line is its index + 2):
 * every field present, the period a month, the currency ISO 4217, amount and tax plain
 * decimals, each invoice id once. Answers the invoices, or every problem by line.
 */
export function checkInvoiceRows(rows: readonly Record<string, string | null>[]): {
  invoices: Invoice[];
  problems: InvoiceProblem[];
} {
  const problems: InvoiceProblem[] = [];
  const invoices: Invoice[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const line = index + 2;
    const field = (name: (typeof INVOICE_COLUMNS)[number]) => (row[name] ?? '').trim();
    const missing = INVOICE_COLUMNS.filter((name) => field(name) === '');
    if (missing.length > 0) {
      problems.push({ line, message: `${missing.join(', ')} empty` });
      return;
    }
    const bad: string[] = [];
    if (!PERIOD.test(field('period'))) bad.push(`period ${field('period')} is not YYYY-MM`);
    if (!isKnownCurrency(field('currency')))
      bad.push(`currency ${field('currency')} is not an ISO 4217 code`);
    for (const name of ['amount', 'tax'] as const)
      if (!isDecimalText(field(name))) bad.push(`${name} ${field(name)} is not a decimal number`);
    if (seen.has(field('invoice_id'))) bad.push(`invoice ${field('invoice_id')} appears twice`);
    seen.add(field('invoice_id'));
    if (bad.length > 0) {
      problems.push({ line, message: bad.join('; ') });
      return;
    }
    invoices.push({
      invoiceId: field('invoice_id'),
      billingAccountId: field('account'),
      period: field('period'),
      currency: field('currency'),
      amount: field('amount'),
      tax: field('tax'),
    });
  });
  return { invoices, problems };
}
