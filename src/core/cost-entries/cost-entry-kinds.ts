/**
 * The costs no bill carries, by kind, and the FOCUS categories each becomes unless a row says
 * otherwise. Licences, invoices and support contracts are purchases; the rest is usage.
 */
export const COST_ENTRY_KINDS = {
  labour: { chargeCategory: 'Usage', serviceCategory: 'Other', unit: 'Hours' },
  licence: { chargeCategory: 'Purchase', serviceCategory: 'Business Applications', unit: 'Seats' },
  invoice: { chargeCategory: 'Purchase', serviceCategory: 'Other', unit: 'Invoices' },
  support: { chargeCategory: 'Purchase', serviceCategory: 'Management and Governance', unit: 'Contracts' },
  saas: { chargeCategory: 'Usage', serviceCategory: 'Business Applications', unit: 'Subscriptions' },
  hardware: { chargeCategory: 'Usage', serviceCategory: 'Compute', unit: 'Units' },
  datacentre: { chargeCategory: 'Usage', serviceCategory: 'Other', unit: 'Months' },
} as const;

export type CostEntryKind = keyof typeof COST_ENTRY_KINDS;

export const COST_ENTRY_KIND_NAMES = Object.keys(COST_ENTRY_KINDS) as CostEntryKind[];

/** FOCUS charge categories a row may choose; negative amounts only as Credit or Adjustment. */
export const ENTRY_CHARGE_CATEGORIES = ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'] as const;
export const NEGATIVE_CHARGE_CATEGORIES: readonly string[] = ['Credit', 'Adjustment'];

/** One validated cost entry: an amount for the days from `start` to `end`, both included. */
export interface CostEntry {
  /** 1-based row of the source: the CSV line's data row (header is row 0) or the YAML list item. */
  row: number;
  kind: CostEntryKind;
  provider: string;
  service: string;
  description: string | null;
  start: string;
  end: string;
  currency: string;
  /** The entry's total, exact: the amount given, or quantity x unit price. */
  amount: string;
  quantity: string | null;
  unitPrice: string | null;
  unit: string;
  chargeCategory: string;
  serviceCategory: string;
  role: string | null;
  invoiceId: string | null;
  resource: string | null;
  tags: Record<string, string>;
  /** The source's own `x_` fields, kept as they were. */
  extras: Record<string, string>;
}

/** The fields a costs file row may carry (any `x_` field besides). */
export const COST_ENTRY_FIELDS = [
  'kind',
  'provider',
  'service',
  'description',
  'start',
  'end',
  'currency',
  'amount',
  'quantity',
  'unit_price',
  'unit',
  'charge_category',
  'service_category',
  'role',
  'invoice_id',
  'resource',
  'tags',
] as const;
