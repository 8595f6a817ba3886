import { quoteIdentifier, quoteLiteral } from '../../../adapters/sql/sql-text.js';
import {
  columnOrNull,
  decimalOf,
  decimalText,
  type FocusMapping,
  type ProviderFormat,
} from '../provider-format.js';
import { cur2Name, curColumnName, curNaming } from './aws-cur-columns.js';
import { AWS_SERVICE_CATEGORIES } from './aws-service-categories.js';

const SIGNATURE = [
  'lineItem/UnblendedCost',
  'lineItem/LineItemType',
  'lineItem/UsageStartDate',
  'bill/PayerAccountId',
  'bill/BillingPeriodStartDate',
  'lineItem/CurrencyCode',
];

/** A line item type's FOCUS ChargeCategory (as the FinOps Foundation's focus_converters map it). */
const CHARGE_CATEGORY: Record<string, string> = {
  Tax: 'Tax',
  Fee: 'Purchase',
  SavingsPlanUpfrontFee: 'Purchase',
  RIFee: 'Purchase',
  SavingsPlanRecurringFee: 'Purchase',
  Usage: 'Usage',
  SavingsPlanCoveredUsage: 'Usage',
  SavingsPlanNegation: 'Usage',
  DiscountedUsage: 'Usage',
  BundledDiscount: 'Usage',
  Discount: 'Usage',
  PrivateRateDiscount: 'Usage',
  EdpDiscount: 'Usage',
  Credit: 'Credit',
  Refund: 'Adjustment',
};

const CHARGE_FREQUENCY: Record<string, string> = {
  Fee: 'One-Time',
  SavingsPlanUpfrontFee: 'One-Time',
  Refund: 'One-Time',
  Credit: 'One-Time',
  RIFee: 'Recurring',
  SavingsPlanRecurringFee: 'Recurring',
  Tax: 'Recurring',
};

const PRICING_CATEGORY: Record<string, string> = {
  OnDemand: 'Standard',
  Reserved: 'Committed',
  Spot: 'Dynamic',
};

function caseOf(column: string, values: Record<string, string>, otherwise: string): string {
  const whens = Object.entries(values)
    .map(([from, to]) => `WHEN ${quoteLiteral(from)} THEN ${quoteLiteral(to)}`)
    .join(' ');
  return `CASE ${column} ${whens} ELSE ${otherwise} END`;
}

/**
 * AWS Cost and Usage Report, legacy CUR (`lineItem/UnblendedCost`) and CUR 2.0
 * (`line_item_unblended_cost`), as CSV, CSV.gz or Parquet. The mapping, per FOCUS column
 * (documented for users in docs/load-your-own-bills.md):
 *
 * | FOCUS column | from (legacy CUR name; CUR 2.0 is its snake case) |
 * |---|---|
 * | BilledCost | lineItem/UnblendedCost |
 * | EffectiveCost | amortised as AWS defines it: SavingsPlanCoveredUsage -> savingsPlan/SavingsPlanEffectiveCost; SavingsPlanRecurringFee -> savingsPlan/TotalCommitmentToDate - savingsPlan/UsedCommitment (the unused commitment); SavingsPlanNegation and SavingsPlanUpfrontFee -> 0; DiscountedUsage -> reservation/EffectiveCost; RIFee -> reservation/UnusedAmortizedUpfrontFeeForBillingPeriod + reservation/UnusedRecurringFee; an RI's upfront Fee -> 0; everything else -> lineItem/UnblendedCost |
 * | ListCost | pricing/publicOnDemandCost, else lineItem/UnblendedCost |
 * | ContractedCost | lineItem/UnblendedCost |
 * | ListUnitPrice / ContractedUnitPrice | pricing/publicOnDemandRate / lineItem/UnblendedRate |
 * | BillingAccountId | bill/PayerAccountId |
 * | SubAccountId | lineItem/UsageAccountId |
 * | BillingCurrency | lineItem/CurrencyCode |
 * | BillingPeriodStart / End | bill/BillingPeriodStartDate / bill/BillingPeriodEndDate |
 * | ChargePeriodStart / End | lineItem/UsageStartDate / lineItem/UsageEndDate |
 * | ChargeCategory / ChargeFrequency | lineItem/LineItemType (table above) |
 * | ChargeDescription | lineItem/LineItemDescription |
 * | CommitmentDiscountId / Type / Category | savingsPlan/SavingsPlanARN (Savings Plan, Spend), else reservation/ReservationARN (Reserved Instance, Usage) |
 * | ConsumedQuantity / PricingQuantity | lineItem/UsageAmount |
 * | ConsumedUnit / PricingUnit | pricing/unit |
 * | PricingCategory | pricing/term (OnDemand Standard, Reserved Committed, Spot Dynamic) |
 * | InvoiceIssuerName | bill/InvoicingEntity |
 * | ProviderName | AWS |
 * | PublisherName | lineItem/LegalEntity, else AWS |
 * | RegionId / RegionName | product/regionCode / product/location |
 * | AvailabilityZone | lineItem/AvailabilityZone |
 * | ResourceId | lineItem/ResourceId |
 * | ServiceName | product/ProductName, else lineItem/ProductCode |
 * | ServiceCategory | lineItem/ProductCode, looked up (aws-service-categories.ts), else Other |
 * | SkuId / SkuPriceId | product/sku / pricing/RateCode |
 * | Tags | legacy: every resourceTags/<key> column with a value ({"<key>": value}); CUR 2.0: resource_tags |
 *
 * Every other column is kept as an `x_` extra (x_product/servicecode).
 */
export const awsCurFormat: ProviderFormat = {
  name: 'aws-cur',
  title: 'AWS Cost and Usage Report (legacy CUR or CUR 2.0)',
  focusVersion: '1.0',
  signature(header) {
    const names = curNaming(header) === 'cur2' ? SIGNATURE.map(cur2Name) : SIGNATURE;
    const missing = names.filter((name) => !header.includes(name));
    return { matches: missing.length === 0, missing };
  },
  mapping(header) {
    const used = new Set<string>();
    const col = (legacy: string) => {
      const name = curColumnName(header, legacy);
      if (header.includes(name)) used.add(name);
      return columnOrNull(header, name);
    };
    const moneyColumns: string[] = [];
    const money = (legacy: string) => {
      moneyColumns.push(col(legacy));
      return decimalOf(col(legacy));
    };
    const type = col('lineItem/LineItemType');
    const unblended = money('lineItem/UnblendedCost');
    const effective = `CASE ${type}
        WHEN 'SavingsPlanCoveredUsage' THEN ${money('savingsPlan/SavingsPlanEffectiveCost')}
        WHEN 'SavingsPlanRecurringFee' THEN ${money('savingsPlan/TotalCommitmentToDate')} - ${money('savingsPlan/UsedCommitment')}
        WHEN 'SavingsPlanNegation' THEN 0
        WHEN 'SavingsPlanUpfrontFee' THEN 0
        WHEN 'DiscountedUsage' THEN ${money('reservation/EffectiveCost')}
        WHEN 'RIFee' THEN COALESCE(${money('reservation/UnusedAmortizedUpfrontFeeForBillingPeriod')}, 0) + COALESCE(${money('reservation/UnusedRecurringFee')}, 0)
        WHEN 'Fee' THEN CASE WHEN ${col('reservation/ReservationARN')} IS NOT NULL THEN 0 ELSE ${unblended} END
        ELSE ${unblended} END`;
    const savingsPlan = col('savingsPlan/SavingsPlanARN');
    const reservation = col('reservation/ReservationARN');
    const columns: Record<string, string> = {
      // Costs taken as they are stay text, so the staging checks see (and name) a bad value.
      BilledCost: col('lineItem/UnblendedCost'),
      EffectiveCost: computedMoney(effective, moneyColumns),
      ListCost: `COALESCE(${col('pricing/publicOnDemandCost')}, ${col('lineItem/UnblendedCost')})`,
      ContractedCost: col('lineItem/UnblendedCost'),
      ListUnitPrice: col('pricing/publicOnDemandRate'),
      ContractedUnitPrice: col('lineItem/UnblendedRate'),
      BillingAccountId: col('bill/PayerAccountId'),
      BillingAccountName: 'CAST(NULL AS VARCHAR)',
      SubAccountId: col('lineItem/UsageAccountId'),
      SubAccountName: 'CAST(NULL AS VARCHAR)',
      BillingCurrency: col('lineItem/CurrencyCode'),
      BillingPeriodStart: col('bill/BillingPeriodStartDate'),
      BillingPeriodEnd: col('bill/BillingPeriodEndDate'),
      ChargePeriodStart: col('lineItem/UsageStartDate'),
      ChargePeriodEnd: col('lineItem/UsageEndDate'),
      ChargeCategory: caseOf(type, CHARGE_CATEGORY, type),
      ChargeClass: 'CAST(NULL AS VARCHAR)',
      ChargeFrequency: caseOf(type, CHARGE_FREQUENCY, "'Usage-Based'"),
      ChargeDescription: col('lineItem/LineItemDescription'),
      CommitmentDiscountId: `COALESCE(${savingsPlan}, ${reservation})`,
      CommitmentDiscountType: `CASE WHEN ${savingsPlan} IS NOT NULL THEN 'Savings Plan' WHEN ${reservation} IS NOT NULL THEN 'Reserved Instance' END`,
      CommitmentDiscountCategory: `CASE WHEN ${savingsPlan} IS NOT NULL THEN 'Spend' WHEN ${reservation} IS NOT NULL THEN 'Usage' END`,
      CommitmentDiscountName: 'CAST(NULL AS VARCHAR)',
      ConsumedQuantity: col('lineItem/UsageAmount'),
      ConsumedUnit: col('pricing/unit'),
      PricingQuantity: col('lineItem/UsageAmount'),
      PricingUnit: col('pricing/unit'),
      PricingCategory: caseOf(col('pricing/term'), PRICING_CATEGORY, 'CAST(NULL AS VARCHAR)'),
      InvoiceIssuerName: col('bill/InvoicingEntity'),
      ProviderName: "'AWS'",
      PublisherName: `COALESCE(${col('lineItem/LegalEntity')}, 'AWS')`,
      RegionId: col('product/regionCode'),
      RegionName: col('product/location'),
      AvailabilityZone: col('lineItem/AvailabilityZone'),
      ResourceId: col('lineItem/ResourceId'),
      ResourceName: 'CAST(NULL AS VARCHAR)',
      ResourceType: 'CAST(NULL AS VARCHAR)',
      ServiceName: `COALESCE(${col('product/ProductName')}, ${col('lineItem/ProductCode')})`,
      ServiceCategory: caseOf(col('lineItem/ProductCode'), AWS_SERVICE_CATEGORIES, "'Other'"),
      SkuId: col('product/sku'),
      SkuPriceId: col('pricing/RateCode'),
      Tags: tagsOf(header, used),
    };
    const sources: Record<string, string> = {
      BilledCost: curColumnName(header, 'lineItem/UnblendedCost'),
      EffectiveCost: `${curColumnName(header, 'lineItem/UnblendedCost')}, amortised with the savingsPlan and reservation costs`,
      ContractedCost: curColumnName(header, 'lineItem/UnblendedCost'),
      ListCost: curColumnName(header, 'pricing/publicOnDemandCost'),
      BillingAccountId: curColumnName(header, 'bill/PayerAccountId'),
      BillingCurrency: curColumnName(header, 'lineItem/CurrencyCode'),
      BillingPeriodStart: curColumnName(header, 'bill/BillingPeriodStartDate'),
      BillingPeriodEnd: curColumnName(header, 'bill/BillingPeriodEndDate'),
      ChargePeriodStart: curColumnName(header, 'lineItem/UsageStartDate'),
      ChargePeriodEnd: curColumnName(header, 'lineItem/UsageEndDate'),
      ConsumedQuantity: curColumnName(header, 'lineItem/UsageAmount'),
      PricingQuantity: curColumnName(header, 'lineItem/UsageAmount'),
      ListUnitPrice: curColumnName(header, 'pricing/publicOnDemandRate'),
      ContractedUnitPrice: curColumnName(header, 'lineItem/UnblendedRate'),
    };
    return { columns, sources, used, rows: null, expand: null } satisfies FocusMapping;
  },
};

/**
 * A cost computed from several columns, as text: the first input that is not a number, as
 * given (so the row is rejected naming it), else the exact result.
 */
function computedMoney(expression: string, inputs: readonly string[]): string {
  const bad = [...new Set(inputs)].map(
    (input) => `CASE WHEN ${input} IS NOT NULL AND ${decimalOf(input)} IS NULL THEN ${input} END`,
  );
  return `COALESCE(${bad.join(', ')}, ${decimalText(expression)})`;
}

/** Legacy CUR: one resourceTags/<key> column per tag; CUR 2.0: one resource_tags column of JSON. */
function tagsOf(header: readonly string[], used: Set<string>): string {
  if (header.includes('resource_tags')) {
    used.add('resource_tags');
    return `CASE WHEN json_valid(resource_tags) AND json_type(resource_tags::JSON) = 'OBJECT' AND resource_tags <> '{}' THEN resource_tags END`;
  }
  const tagColumns = header.filter((name) => name.startsWith('resourceTags/'));
  if (tagColumns.length === 0) return 'CAST(NULL AS VARCHAR)';
  for (const name of tagColumns) used.add(name);
  const entries = tagColumns.map(
    (name) => `{'k': ${quoteLiteral(name.slice('resourceTags/'.length))}, 'v': ${quoteIdentifier(name)}}`,
  );
  const present = `list_filter([${entries.join(', ')}], t -> t.v IS NOT NULL)`;
  return `CASE WHEN len(${present}) > 0 THEN CAST(to_json(map_from_entries(list_transform(${present}, t -> (t.k, t.v)))) AS VARCHAR) END`;
}
