/**
 * The FOCUS 1.2 columns the demo writes, every one of the specification's 57, in alphabetical
 * order (as FOCUS exports from the FinOps Foundation's sample data are), and one row as CSV text.
 */
export const FOCUS_12_COLUMNS = [
  'AvailabilityZone',
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingAccountType',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'CapacityReservationId',
  'CapacityReservationStatus',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'CommitmentDiscountCategory',
  'CommitmentDiscountId',
  'CommitmentDiscountName',
  'CommitmentDiscountQuantity',
  'CommitmentDiscountStatus',
  'CommitmentDiscountType',
  'CommitmentDiscountUnit',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'InvoiceId',
  'InvoiceIssuerName',
  'ListCost',
  'ListUnitPrice',
  'PricingCategory',
  'PricingCurrency',
  'PricingCurrencyContractedUnitPrice',
  'PricingCurrencyEffectiveCost',
  'PricingCurrencyListUnitPrice',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'RegionId',
  'RegionName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ServiceCategory',
  'ServiceName',
  'ServiceSubcategory',
  'SkuId',
  'SkuMeter',
  'SkuPriceDetails',
  'SkuPriceId',
  'SubAccountId',
  'SubAccountName',
  'SubAccountType',
  'Tags',
] as const;

export type FocusColumn = (typeof FOCUS_12_COLUMNS)[number];

/** One FOCUS row: every column's text, null for an empty cell. */
export type FocusRow = Record<FocusColumn, string | null>;

export const FOCUS_12_HEADER = `${FOCUS_12_COLUMNS.join(',')}\n`;

/** Where each column sits in a row. */
export const FOCUS_12_INDEX = Object.fromEntries(
  FOCUS_12_COLUMNS.map((name, index) => [name, index]),
) as Record<FocusColumn, number>;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  if (value.includes('"')) return `"${value.replaceAll('"', '""')}"`;
  if (value.includes(',') || value.includes('\n') || value.includes('\r')) return `"${value}"`;
  return value;
}

export function formatFocusRow(row: FocusRow): string {
  let line = csvField(row[FOCUS_12_COLUMNS[0]]);
  for (let i = 1; i < FOCUS_12_COLUMNS.length; i++) line += `,${csvField(row[FOCUS_12_COLUMNS[i]!])}`;
  return `${line}\n`;
}

/** A row as its CSV cells, escaped, in column order: a template whose day-to-day cells are replaced. */
export function formatFocusCells(row: FocusRow): string[] {
  return FOCUS_12_COLUMNS.map((name) => csvField(row[name]));
}
