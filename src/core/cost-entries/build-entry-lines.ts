import { Decimal } from '../money.js';
import { addDays, daysInclusive, monthStart, nextMonthStart } from './calendar-days.js';
import type { CostEntry } from './cost-entry-kinds.js';
import { minorUnitDigits, spreadOverDays } from './spread-over-days.js';

/**
 * One canonical cost line of an entry, by storage column name (cost_lines), values as text:
 * amounts as exact decimal strings, times as 'YYYY-MM-DD HH:MM:SS'.
 */
export type EntryLine = Record<(typeof ENTRY_LINE_COLUMNS)[number], string | null>;

/** The cost_lines columns an entry's lines fill (the others stay empty). */
export const ENTRY_LINE_COLUMNS = [
  'source_row',
  'billed_cost',
  'effective_cost',
  'list_cost',
  'contracted_cost',
  'billing_account_id',
  'billing_account_name',
  'billing_currency',
  'billing_period_start',
  'billing_period_end',
  'charge_category',
  'charge_description',
  'charge_frequency',
  'charge_period_start',
  'charge_period_end',
  'invoice_id',
  'invoice_issuer_name',
  'pricing_unit',
  'provider_name',
  'publisher_name',
  'resource_id',
  'service_category',
  'service_name',
  'tags',
  'extras',
] as const;

/**
 * An entry's daily lines: its amount spread over its days (spreadOverDays: largest remainder
 * at the currency's minor unit), one FOCUS line per day in the day's billing month, under the
 * ledger as billing account. Every cost metric carries the same amount: nothing was discounted.
 */
export function buildEntryLines(entry: CostEntry, ledger: string): EntryLine[] {
  const days = daysInclusive(entry.start, entry.end);
  const shares = spreadOverDays(new Decimal(entry.amount), days, minorUnitDigits(entry.currency));
  const extras = JSON.stringify({
    x_cost_kind: entry.kind,
    x_entry_start: entry.start,
    x_entry_end: entry.end,
    x_entry_amount: entry.amount,
    ...(entry.quantity !== null ? { x_quantity: entry.quantity, x_unit_price: entry.unitPrice } : {}),
    ...(entry.role !== null ? { x_role: entry.role } : {}),
    ...entry.extras,
  });
  const tags = Object.keys(entry.tags).length > 0 ? JSON.stringify(entry.tags) : null;
  return shares.map((share, index) => {
    const day = addDays(entry.start, index);
    const cost = share.toFixed();
    return {
      source_row: String(entry.row),
      billed_cost: cost,
      effective_cost: cost,
      list_cost: cost,
      contracted_cost: cost,
      billing_account_id: ledger,
      billing_account_name: ledger,
      billing_currency: entry.currency,
      billing_period_start: `${monthStart(day)} 00:00:00`,
      billing_period_end: `${nextMonthStart(day)} 00:00:00`,
      charge_category: entry.chargeCategory,
      charge_description: entry.description,
      charge_frequency: days === 1 ? 'One-Time' : 'Recurring',
      charge_period_start: `${day} 00:00:00`,
      charge_period_end: `${addDays(day, 1)} 00:00:00`,
      invoice_id: entry.invoiceId,
      invoice_issuer_name: entry.provider,
      pricing_unit: entry.unit,
      provider_name: entry.provider,
      publisher_name: entry.provider,
      resource_id: entry.resource,
      service_category: entry.serviceCategory,
      service_name: entry.service,
      tags,
      extras,
    };
  });
}
