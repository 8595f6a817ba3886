import type { InvoiceRow } from '../api-types.js';
import { Decimal } from '../money-text.js';

export type InvoiceStatus = InvoiceRow['status'];

/** How each status reads, and its pill (colour is never the only sign: the words say it). */
export const STATUS_TEXT: Record<InvoiceStatus, { label: string; pill: 'good' | 'warn' | 'bad' | '' }> = {
  matched: { label: 'Matched', pill: 'good' },
  'within-tolerance': { label: 'Within tolerance', pill: 'good' },
  accepted: { label: 'Accepted with reason', pill: '' },
  open: { label: 'Open', pill: 'bad' },
};

/** Invoices by status, in the order a reader acts on them: open first. */
export function countByStatus(invoices: readonly InvoiceRow[]): { status: InvoiceStatus; count: number }[] {
  const order: InvoiceStatus[] = ['open', 'accepted', 'within-tolerance', 'matched'];
  return order
    .map((status) => ({ status, count: invoices.filter((invoice) => invoice.status === status).length }))
    .filter((entry) => entry.count > 0);
}

/** Billed (the lines), invoiced and the difference per provider, account and currency, exact. */
export function totalsByAccount(invoices: readonly InvoiceRow[]) {
  const groups = new Map<
    string,
    {
      provider: string | null;
      account: string;
      currency: string;
      billed: Decimal;
      invoiced: Decimal;
      open: number;
    }
  >();
  for (const invoice of invoices) {
    const key = JSON.stringify([invoice.providerName, invoice.billingAccountId, invoice.currency]);
    const group = groups.get(key) ?? {
      provider: invoice.providerName,
      account: invoice.billingAccountId,
      currency: invoice.currency,
      billed: new Decimal(0),
      invoiced: new Decimal(0),
      open: 0,
    };
    group.billed = group.billed.plus(invoice.linesTotal);
    group.invoiced = group.invoiced.plus(invoice.invoiceTotal);
    if (invoice.status === 'open') group.open += 1;
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => ({
    provider: group.provider,
    account: group.account,
    currency: group.currency,
    billed: group.billed.toFixed(),
    invoiced: group.invoiced.toFixed(),
    difference: group.invoiced.minus(group.billed).toFixed(),
    open: group.open,
  }));
}

/** An ISO UTC time shown in the reader's own time zone, with the zone named. */
export function localTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    // dateStyle cannot be combined with timeZoneName, so the parts are named one by one.
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(iso));
}
