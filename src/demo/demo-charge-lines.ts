import { formatAmount, formatScaled, PRICE_SCALE, roundAmountToCents, scaleRounded } from './demo-money.js';
import type { DemoBillingAccount, ProviderService } from './demo-organisation.js';
import { type FocusRow, formatFocusRow } from './focus-csv-row.js';
import { DEMO_YEAR, type DemoPlan, type DemoResource } from './plan-demo-billing.js';

/**
 * The lines of the demo's bills other than daily resource usage, and the columns lines share:
 * the monthly commitment Purchase, the daily Unused commitment line, month-end credits and taxes.
 */
export interface DayInfo {
  month: number;
  start: string;
  end: string;
  weekend: boolean;
  firstOfMonth: boolean;
  lastOfMonth: boolean;
}

export interface MonthTotals {
  usageBilled: bigint;
  /** Billed usage and purchases by ServiceName: the tax base of each invoice line. */
  billedByService: Map<string, { service: ProviderService; amount: bigint }>;
}

export function isoDay(date: Date): string {
  return `${date.toISOString().slice(0, 10)}T00:00:00Z`;
}

export function monthStart(month: number): string {
  return isoDay(new Date(Date.UTC(DEMO_YEAR, month, 1)));
}

export function daysInMonth(month: number): number {
  return new Date(Date.UTC(DEMO_YEAR, month + 1, 0)).getUTCDate();
}

/** The columns every line of an account and month shares. */
export function accountColumns(account: DemoBillingAccount, month: number): Partial<FocusRow> {
  return {
    BillingAccountId: account.id,
    BillingAccountName: account.name,
    BillingAccountType: account.type,
    BillingCurrency: account.currency,
    BillingPeriodStart: monthStart(month),
    BillingPeriodEnd: monthStart(month + 1),
    InvoiceId: `${account.key.toUpperCase()}-${DEMO_YEAR}${String(month + 1).padStart(2, '0')}-${account.id.replace(/\W/g, '').slice(-6)}`,
    InvoiceIssuerName: account.invoiceIssuerName,
    ProviderName: account.providerName,
    PublisherName: account.publisherName,
  };
}

export const EMPTY_ROW: FocusRow = {
  AvailabilityZone: null,
  BilledCost: null,
  BillingAccountId: null,
  BillingAccountName: null,
  BillingAccountType: null,
  BillingCurrency: null,
  BillingPeriodEnd: null,
  BillingPeriodStart: null,
  CapacityReservationId: null,
  CapacityReservationStatus: null,
  ChargeCategory: null,
  ChargeClass: null,
  ChargeDescription: null,
  ChargeFrequency: null,
  ChargePeriodEnd: null,
  ChargePeriodStart: null,
  CommitmentDiscountCategory: null,
  CommitmentDiscountId: null,
  CommitmentDiscountName: null,
  CommitmentDiscountQuantity: null,
  CommitmentDiscountStatus: null,
  CommitmentDiscountType: null,
  CommitmentDiscountUnit: null,
  ConsumedQuantity: null,
  ConsumedUnit: null,
  ContractedCost: null,
  ContractedUnitPrice: null,
  EffectiveCost: null,
  InvoiceId: null,
  InvoiceIssuerName: null,
  ListCost: null,
  ListUnitPrice: null,
  PricingCategory: null,
  PricingCurrency: null,
  PricingCurrencyContractedUnitPrice: null,
  PricingCurrencyEffectiveCost: null,
  PricingCurrencyListUnitPrice: null,
  PricingQuantity: null,
  PricingUnit: null,
  ProviderName: null,
  PublisherName: null,
  RegionId: null,
  RegionName: null,
  ResourceId: null,
  ResourceName: null,
  ResourceType: null,
  ServiceCategory: null,
  ServiceName: null,
  ServiceSubcategory: null,
  SkuId: null,
  SkuMeter: null,
  SkuPriceDetails: null,
  SkuPriceId: null,
  SubAccountId: null,
  SubAccountName: null,
  SubAccountType: null,
  Tags: null,
};

export function serviceColumns(service: ProviderService): Partial<FocusRow> {
  return {
    ServiceName: service.serviceName,
    ServiceCategory: service.serviceCategory,
    ServiceSubcategory: service.serviceSubcategory,
  };
}

/** The columns of a resource that do not change from day to day. */
export function resourceColumns(
  resource: DemoResource,
  month: number,
  pricing: DemoPlan['pricing'],
): FocusRow {
  const prices = pricing.get(resource.account.key)!;
  return {
    ...EMPTY_ROW,
    ...accountColumns(resource.account, month),
    ...serviceColumns(resource.providerService),
    AvailabilityZone: resource.zone,
    ChargeCategory: 'Usage',
    ChargeDescription: `${resource.providerService.skuMeter} in ${resource.regionName}`,
    ChargeFrequency: 'Usage-Based',
    ConsumedUnit: resource.providerService.pricingUnit,
    ContractedUnitPrice: formatScaled(prices.contracted.get(resource.kind)!, PRICE_SCALE),
    ListUnitPrice: formatScaled(prices.list.get(resource.kind)!, PRICE_SCALE),
    PricingUnit: resource.providerService.pricingUnit,
    RegionId: resource.regionId,
    RegionName: resource.regionName,
    ResourceId: resource.resourceId,
    ResourceName: resource.resourceName,
    ResourceType: resource.providerService.resourceType,
    SkuId: resource.skuId,
    SkuMeter: resource.providerService.skuMeter,
    SubAccountId: resource.subAccountId,
    SubAccountName: resource.subAccountName,
    SubAccountType: resource.subAccountType,
    Tags: resource.tags,
  };
}

export function addBilled(totals: MonthTotals, service: ProviderService, amount: bigint): void {
  const entry = totals.billedByService.get(service.serviceName);
  if (entry) entry.amount += amount;
  else totals.billedByService.set(service.serviceName, { service, amount });
}

export function commitmentColumns(account: DemoBillingAccount): Partial<FocusRow> {
  const terms = account.commitment!;
  return {
    CommitmentDiscountId: terms.id,
    CommitmentDiscountName: terms.name,
    CommitmentDiscountType: terms.type,
    CommitmentDiscountCategory: terms.category,
  };
}

export function purchaseLine(plan: DemoPlan, account: DemoBillingAccount, month: number) {
  const commitment = plan.commitments.get(account.key);
  if (!commitment) return undefined;
  const service = account.services.compute!;
  const amount = commitment.dailyAmount * BigInt(daysInMonth(month));
  const text = formatAmount(amount);
  const row: FocusRow = {
    ...EMPTY_ROW,
    ...accountColumns(account, month),
    ...serviceColumns(service),
    ...commitmentColumns(account),
    BilledCost: text,
    ChargeCategory: 'Purchase',
    ChargeDescription: `${account.commitment!.name} monthly fee`,
    ChargeFrequency: 'Recurring',
    ChargePeriodStart: monthStart(month),
    ChargePeriodEnd: monthStart(month + 1),
    ContractedCost: text,
    EffectiveCost: '0',
    ListCost: text,
    PricingCategory: 'Standard',
    PricingQuantity: '1',
    PricingUnit: 'Month',
    RegionId: account.regions[0]!.id,
    RegionName: account.regions[0]!.name,
    ResourceId: account.commitment!.id,
    ResourceName: account.commitment!.name,
    SubAccountId: account.subAccounts[0]!.id,
    SubAccountName: account.subAccounts[0]!.name,
    SubAccountType: account.subAccounts[0]!.type,
  };
  return { service, amount, text: formatFocusRow(row) };
}

export function unusedLine(account: DemoBillingAccount, day: DayInfo, remaining: bigint): string {
  const text = formatAmount(remaining);
  const terms = account.commitment!;
  const row: FocusRow = {
    ...EMPTY_ROW,
    ...accountColumns(account, day.month),
    ...serviceColumns(account.services.compute!),
    ...commitmentColumns(account),
    BilledCost: '0',
    ChargeCategory: 'Usage',
    ChargeDescription: `Unused ${terms.name}`,
    ChargeFrequency: 'Usage-Based',
    ChargePeriodStart: day.start,
    ChargePeriodEnd: day.end,
    CommitmentDiscountStatus: 'Unused',
    CommitmentDiscountQuantity: terms.category === 'Spend' ? text : null,
    CommitmentDiscountUnit: terms.category === 'Spend' ? account.currency : null,
    ContractedCost: text,
    EffectiveCost: text,
    ListCost: text,
    PricingCategory: 'Committed',
    RegionId: account.regions[0]!.id,
    RegionName: account.regions[0]!.name,
    ResourceId: terms.id,
    ResourceName: terms.name,
    SubAccountId: account.subAccounts[0]!.id,
    SubAccountName: account.subAccounts[0]!.name,
    SubAccountType: account.subAccounts[0]!.type,
  };
  return formatFocusRow(row);
}

/** Credits and taxes, billed for the whole month on its last day. */
export function* monthEndLines(
  account: DemoBillingAccount,
  month: number,
  totals: MonthTotals,
): Generator<string> {
  const monthColumns = {
    ...EMPTY_ROW,
    ...accountColumns(account, month),
    ChargeFrequency: 'One-Time',
    ChargePeriodStart: monthStart(month),
    ChargePeriodEnd: monthStart(month + 1),
    SubAccountId: account.subAccounts[0]!.id,
    SubAccountName: account.subAccounts[0]!.name,
    SubAccountType: account.subAccounts[0]!.type,
  };
  const credit = -roundAmountToCents(
    scaleRounded(totals.usageBilled, BigInt(account.credit.basisPoints), 10_000n),
  );
  if (credit < 0n) {
    const text = formatAmount(credit);
    yield formatFocusRow({
      ...monthColumns,
      ...serviceColumns(account.services[account.credit.serviceKind]!),
      BilledCost: text,
      ChargeCategory: 'Credit',
      ChargeDescription: account.credit.description,
      ContractedCost: text,
      EffectiveCost: text,
      ListCost: text,
    });
  }
  if (account.taxBasisPoints === 0) return;
  // Code-unit order, not the locale's: the same bytes on every machine.
  const taxed = [...totals.billedByService.values()].sort((a, b) =>
    a.service.serviceName < b.service.serviceName ? -1 : 1,
  );
  for (const { service, amount } of taxed) {
    const tax = roundAmountToCents(scaleRounded(amount, BigInt(account.taxBasisPoints), 10_000n));
    if (tax === 0n) continue;
    const text = formatAmount(tax);
    yield formatFocusRow({
      ...monthColumns,
      ...serviceColumns(service),
      BilledCost: text,
      ChargeCategory: 'Tax',
      ChargeDescription: `${account.currency === 'EUR' ? 'VAT' : 'Sales tax'} ${account.taxBasisPoints / 100}% on ${service.serviceName}`,
      ContractedCost: text,
      EffectiveCost: text,
      ListCost: text,
    });
  }
}
