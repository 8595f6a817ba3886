import { quoteLiteral } from '../../../adapters/sql/sql-text.js';
import { parseTimestampSql } from '../../focus/focus-row-checks.js';
import type { FocusMapping, ProviderFormat } from '../provider-format.js';
import {
  AZURE_FIELDS,
  azureColumn,
  azureColumnName,
  commitmentRowSql,
  missingAzureFields,
} from './azure-columns.js';
import { AZURE_SERVICE_CATEGORIES } from './azure-service-categories.js';

/** Which cost an Azure export holds: actual (as invoiced) or amortised (commitments spread over their use). */
export type AzureCostKind = 'actual' | 'amortised';

/**
 * How one Azure export is read within its load. `paired` is SQL that is true for a row whose
 * billing account and period the same load also has in the other kind of export; those rows
 * are combined so that nothing is counted twice (see azureCostFormat).
 */
export interface AzureScope {
  kind: AzureCostKind;
  paired: string;
}

const CHARGE_CATEGORY: Record<string, string> = {
  Usage: 'Usage',
  UnusedReservation: 'Usage',
  UnusedSavingsPlan: 'Usage',
  Purchase: 'Purchase',
  Refund: 'Purchase',
  Tax: 'Tax',
  RoundingAdjustment: 'Adjustment',
};

const CHARGE_FREQUENCY: Record<string, string> = {
  UsageBased: 'Usage-Based',
  Recurring: 'Recurring',
  OneTime: 'One-Time',
};

const PRICING_CATEGORY: Record<string, string> = {
  OnDemand: 'Standard',
  Spot: 'Dynamic',
  Reservation: 'Committed',
  SavingsPlan: 'Committed',
};

function caseOf(column: string, values: Record<string, string>, otherwise: string): string {
  const whens = Object.entries(values)
    .map(([from, to]) => `WHEN ${quoteLiteral(from)} THEN ${quoteLiteral(to)}`)
    .join(' ');
  return `CASE ${column} ${whens} ELSE ${otherwise} END`;
}

/** A day column as ISO text (Azure writes m/d/yyyy); unreadable text as given, for the checks to name. */
function dayText(column: string): string {
  return `COALESCE(strftime(CAST(${parseTimestampSql(column)} AS DATE), '%Y-%m-%dT00:00:00Z'), ${column})`;
}

/** A day column's next day as ISO text (FOCUS periods end exclusive); unreadable text as given, for the checks to name. */
function nextDayText(column: string): string {
  return `COALESCE(strftime(CAST(${parseTimestampSql(column)} AS DATE) + INTERVAL 1 DAY, '%Y-%m-%dT00:00:00Z'), ${column})`;
}

/**
 * Azure Cost Management cost exports (EA and MCA; "usage details"), actual or amortised, read
 * as FOCUS 1.0 columns. The mapping, per FOCUS column (documented for users in
 * docs/load-your-own-bills.md):
 *
 * | FOCUS column | from |
 * |---|---|
 * | BilledCost | Cost / CostInBillingCurrency; 0 for usage a commitment covered and for its unused part (the purchase was billed) |
 * | EffectiveCost | the same cost; 0 for a commitment purchase when it is amortised (see below) |
 * | ListCost / ContractedCost | the cost (the export's prices are per unit, not exact per line) |
 * | ListUnitPrice / ContractedUnitPrice | UnitPrice / EffectivePrice |
 * | BillingAccountId / Name | BillingAccountId / BillingAccountName |
 * | SubAccountId / Name | SubscriptionId / SubscriptionName |
 * | BillingCurrency | BillingCurrency / BillingCurrencyCode |
 * | BillingPeriodStart / End | BillingPeriodStartDate / BillingPeriodEndDate plus one day (Azure's end day is inclusive) |
 * | ChargePeriodStart / End | Date / Date plus one day |
 * | ChargeCategory | ChargeType: Usage, UnusedReservation, UnusedSavingsPlan -> Usage; Purchase, Refund -> Purchase; Tax; RoundingAdjustment -> Adjustment |
 * | ChargeFrequency | Frequency: UsageBased -> Usage-Based, Recurring, OneTime -> One-Time |
 * | PricingCategory | PricingModel: OnDemand -> Standard, Spot -> Dynamic, Reservation and SavingsPlan -> Committed |
 * | CommitmentDiscountId / Name | benefitId, else ReservationId / benefitName, else ReservationName |
 * | CommitmentDiscountType / Category | PricingModel Reservation -> Reservation, Usage; SavingsPlan -> Savings Plan, Spend |
 * | ConsumedQuantity / PricingQuantity, ConsumedUnit / PricingUnit | Quantity, UnitOfMeasure |
 * | ProviderName / InvoiceIssuerName | Microsoft |
 * | PublisherName | PublisherName, else Microsoft |
 * | RegionId / RegionName | ResourceLocation lower-cased / as given |
 * | ResourceId / ResourceName | ResourceId / ResourceName |
 * | ServiceName | MeterCategory |
 * | ServiceCategory | MeterCategory, looked up (azure-service-categories.ts), else Other |
 * | SkuId | PartNumber, else MeterId |
 * | Tags | Tags, wrapped in braces when the export leaves them out (EA writes `"a": "b","c": "d"`) |
 *
 * Actual and amortised exports of one billing account and period, loaded together (one
 * folder), are combined as Microsoft's own FOCUS export combines them: the amortised export
 * gives every line (usage a commitment covered and the unused part at their amortised cost,
 * billed 0), and the actual export adds only its commitment purchases and refunds (billed as
 * invoiced, effective 0, since their cost is already spread over the amortised lines). An
 * actual export alone counts a purchase's effective cost on its purchase day; an amortised
 * export alone lacks the purchases' billed cost, which the load's warnings say.
 */
export function azureCostFormat(scope: AzureScope): ProviderFormat {
  return {
    name: scope.kind === 'actual' ? 'azure-actual' : 'azure-amortised',
    title: 'Azure Cost Management export (EA or MCA, actual or amortised)',
    focusVersion: '1.0',
    signature(header) {
      const missing = missingAzureFields(header);
      return { matches: missing.length === 0, missing };
    },
    mapping(header) {
      const used = new Set<string>();
      const col = (field: keyof typeof AZURE_FIELDS) => azureColumn(header, used, field);
      const cost = col('cost');
      const chargeType = col('chargeType');
      const pricingModel = col('pricingModel');
      const row = commitmentRowSql(chargeType, pricingModel);
      const paired = `(${scope.paired})`;
      const billed =
        scope.kind === 'actual'
          ? cost
          : `CASE WHEN ${row.coveredUsage} OR ${row.unused} OR (${row.purchase} AND ${paired}) THEN '0' ELSE ${cost} END`;
      const effective =
        scope.kind === 'actual'
          ? `CASE WHEN ${row.purchase} AND ${paired} THEN '0' ELSE ${cost} END`
          : `CASE WHEN ${row.purchase} THEN '0' ELSE ${cost} END`;
      const location = col('location');
      const benefitId = col('benefitId');
      const reservationId = col('reservationId');
      const tags = col('tags');
      const columns: Record<string, string> = {
        // Costs taken as they are stay text, so the staging checks see (and name) a bad value.
        BilledCost: billed,
        EffectiveCost: effective,
        ListCost: cost,
        ContractedCost: cost,
        ListUnitPrice: col('unitPrice'),
        ContractedUnitPrice: col('effectivePrice'),
        BillingAccountId: col('billingAccountId'),
        BillingAccountName: col('billingAccountName'),
        SubAccountId: col('subscriptionId'),
        SubAccountName: col('subscriptionName'),
        BillingCurrency: col('currency'),
        BillingPeriodStart: dayText(col('billingPeriodStart')),
        BillingPeriodEnd: nextDayText(col('billingPeriodEnd')),
        ChargePeriodStart: dayText(col('date')),
        ChargePeriodEnd: nextDayText(col('date')),
        ChargeCategory: caseOf(chargeType, CHARGE_CATEGORY, chargeType),
        ChargeClass: `CASE WHEN ${chargeType} = 'Refund' THEN 'Correction' END`,
        ChargeFrequency: caseOf(col('frequency'), CHARGE_FREQUENCY, "'Usage-Based'"),
        ChargeDescription: col('product'),
        CommitmentDiscountId: `CASE WHEN ${pricingModel} IN ('Reservation', 'SavingsPlan') THEN COALESCE(${benefitId}, ${reservationId}) END`,
        CommitmentDiscountName: `CASE WHEN ${pricingModel} IN ('Reservation', 'SavingsPlan') THEN COALESCE(${col('benefitName')}, ${col('reservationName')}) END`,
        CommitmentDiscountType: caseOf(
          pricingModel,
          { Reservation: 'Reservation', SavingsPlan: 'Savings Plan' },
          'CAST(NULL AS VARCHAR)',
        ),
        CommitmentDiscountCategory: caseOf(
          pricingModel,
          { Reservation: 'Usage', SavingsPlan: 'Spend' },
          'CAST(NULL AS VARCHAR)',
        ),
        ConsumedQuantity: col('quantity'),
        ConsumedUnit: col('unit'),
        PricingQuantity: col('quantity'),
        PricingUnit: col('unit'),
        PricingCategory: caseOf(pricingModel, PRICING_CATEGORY, 'CAST(NULL AS VARCHAR)'),
        InvoiceIssuerName: "'Microsoft'",
        ProviderName: "'Microsoft'",
        PublisherName: `COALESCE(${col('publisherName')}, 'Microsoft')`,
        RegionId: `lower(${location})`,
        RegionName: location,
        AvailabilityZone: col('zone'),
        ResourceId: col('resourceId'),
        ResourceName: col('resourceName'),
        ResourceType: 'CAST(NULL AS VARCHAR)',
        ServiceName: col('meterCategory'),
        ServiceCategory: caseOf(col('meterCategory'), AZURE_SERVICE_CATEGORIES, "'Other'"),
        SkuId: `COALESCE(${col('partNumber')}, ${col('meterId')})`,
        SkuPriceId: 'CAST(NULL AS VARCHAR)',
        Tags: `CASE WHEN trim(${tags}) = '' THEN NULL WHEN starts_with(ltrim(${tags}), '{') THEN ${tags} ELSE '{' || ${tags} || '}' END`,
      };
      const name = (field: keyof typeof AZURE_FIELDS) =>
        azureColumnName(header, field) ?? AZURE_FIELDS[field][0];
      const sources: Record<string, string> = {
        BilledCost: name('cost'),
        EffectiveCost: name('cost'),
        ListCost: name('cost'),
        ContractedCost: name('cost'),
        ListUnitPrice: name('unitPrice'),
        ContractedUnitPrice: name('effectivePrice'),
        BillingAccountId: name('billingAccountId'),
        SubAccountId: name('subscriptionId'),
        BillingCurrency: name('currency'),
        BillingPeriodStart: name('billingPeriodStart'),
        BillingPeriodEnd: name('billingPeriodEnd'),
        ChargePeriodStart: name('date'),
        ChargePeriodEnd: name('date'),
        ConsumedQuantity: name('quantity'),
        PricingQuantity: name('quantity'),
        Tags: name('tags'),
      };
      const rows = scope.kind === 'actual' ? `NOT ${paired} OR ${row.purchase}` : null;
      return { columns, sources, used, rows, expand: null } satisfies FocusMapping;
    },
  };
}

/** The format as detection knows it (a file alone, read as its own kind later). */
export const azureCostDetection = azureCostFormat({ kind: 'actual', paired: 'false' });
