import { quoteLiteral } from '../../../adapters/sql/sql-text.js';
import { columnOrNull } from '../provider-format.js';

/**
 * Azure Cost Management column names. EA exports write them in PascalCase (`Cost`,
 * `BillingCurrency`), MCA exports in camelCase (`costInBillingCurrency`, `billingCurrency`),
 * and newer EA exports use the MCA names in PascalCase (`CostInBillingCurrency`,
 * `BillingCurrencyCode`). A field is found by any of its names, ignoring case.
 */
export const AZURE_FIELDS = {
  cost: ['CostInBillingCurrency', 'Cost', 'PreTaxCost'],
  currency: ['BillingCurrencyCode', 'BillingCurrency', 'Currency'],
  date: ['Date', 'UsageDate'],
  chargeType: ['ChargeType'],
  pricingModel: ['PricingModel'],
  meterCategory: ['MeterCategory'],
  billingAccountId: ['BillingAccountId'],
  billingAccountName: ['BillingAccountName'],
  billingPeriodStart: ['BillingPeriodStartDate'],
  billingPeriodEnd: ['BillingPeriodEndDate'],
  subscriptionId: ['SubscriptionId', 'SubscriptionGuid'],
  subscriptionName: ['SubscriptionName'],
  quantity: ['Quantity'],
  unit: ['UnitOfMeasure'],
  effectivePrice: ['EffectivePrice'],
  unitPrice: ['UnitPrice'],
  frequency: ['Frequency'],
  resourceId: ['ResourceId', 'InstanceId'],
  resourceName: ['ResourceName'],
  location: ['ResourceLocation'],
  zone: ['AvailabilityZone'],
  consumedService: ['ConsumedService'],
  product: ['ProductName', 'Product'],
  meterId: ['MeterId'],
  partNumber: ['PartNumber'],
  publisherName: ['PublisherName'],
  reservationId: ['ReservationId'],
  reservationName: ['ReservationName'],
  benefitId: ['benefitId', 'BenefitId'],
  benefitName: ['benefitName', 'BenefitName'],
  tags: ['Tags'],
} as const satisfies Record<string, readonly string[]>;

export type AzureField = keyof typeof AZURE_FIELDS;

/** The fields an Azure cost export must have (each by one of its names). */
export const AZURE_SIGNATURE: readonly AzureField[] = [
  'cost',
  'currency',
  'date',
  'chargeType',
  'meterCategory',
  'subscriptionId',
  'billingAccountId',
  'billingPeriodStart',
];

/** The header's own spelling of a field, or undefined when it has none of its names. */
export function azureColumnName(header: readonly string[], field: AzureField): string | undefined {
  const names = AZURE_FIELDS[field].map((name) => name.toLowerCase());
  for (const name of names) {
    const found = header.find((column) => column.toLowerCase() === name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Which signature fields the header lacks, each said as its names (`Cost or CostInBillingCurrency`). */
export function missingAzureFields(header: readonly string[]): string[] {
  return AZURE_SIGNATURE.filter((field) => azureColumnName(header, field) === undefined).map((field) =>
    AZURE_FIELDS[field].join(' or '),
  );
}

/** A field as SQL over the file's columns (NULL when the header lacks it); records it as used. */
export function azureColumn(header: readonly string[], used: Set<string>, field: AzureField): string {
  const name = azureColumnName(header, field);
  if (name !== undefined) used.add(name);
  return columnOrNull(header, name);
}

/** Rows of a commitment (reservation or savings plan) by what they are. */
export function commitmentRowSql(chargeType: string, pricingModel: string) {
  const commitment = `${pricingModel} IN ('Reservation', 'SavingsPlan')`;
  return {
    /** The purchase (or refund) of a commitment: in the actual export only. */
    purchase: `(${commitment} AND ${chargeType} IN ('Purchase', 'Refund'))`,
    /** Usage a commitment covered, at its amortised cost (0 in the actual export). */
    coveredUsage: `(${commitment} AND ${chargeType} = 'Usage')`,
    /** The unused part of a commitment: in the amortised export only. */
    unused: `(${chargeType} IN (${['UnusedReservation', 'UnusedSavingsPlan'].map(quoteLiteral).join(', ')}))`,
  };
}
