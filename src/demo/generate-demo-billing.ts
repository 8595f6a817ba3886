import {
  formatAmount,
  formatScaled,
  multiplyToAmount,
  PRICE_SCALE,
  QUANTITY_SCALE,
  roundAmountToCents,
  scaleRounded,
  toQuantityUnits,
} from './demo-money.js';
import { DEMO_ACCOUNTS, type DemoBillingAccount, type ProviderService } from './demo-organisation.js';
import {
  FOCUS_12_INDEX as COLUMN,
  csvField,
  type FocusRow,
  formatFocusCells,
  formatFocusRow,
} from './focus-csv-row.js';
import { DEMO_DAYS, DEMO_YEAR, type DemoPlan, type DemoResource } from './plan-demo-billing.js';
import { SeededRandom } from './seeded-random.js';

/** One CSV line of the demo, with the billing account and month (0-11) whose export holds it. */
export interface DemoLine {
  account: DemoBillingAccount;
  month: number;
  text: string;
}

interface DayInfo {
  month: number;
  start: string;
  end: string;
  weekend: boolean;
  firstOfMonth: boolean;
  lastOfMonth: boolean;
}

interface MonthTotals {
  usageBilled: bigint;
  /** Billed usage and purchases by ServiceName: the tax base of each invoice line. */
  billedByService: Map<string, { service: ProviderService; amount: bigint }>;
}

const COMMERCE_COST_CENTRES = new Set(['cc-1100', 'cc-1200']);
const HOLIDAY_SEASON_START = 318;

function isoDay(date: Date): string {
  return `${date.toISOString().slice(0, 10)}T00:00:00Z`;
}

function monthStart(month: number): string {
  return isoDay(new Date(Date.UTC(DEMO_YEAR, month, 1)));
}

function planDays(): DayInfo[] {
  const days: DayInfo[] = [];
  for (let day = 0; day < DEMO_DAYS; day++) {
    const date = new Date(Date.UTC(DEMO_YEAR, 0, 1 + day));
    const next = new Date(Date.UTC(DEMO_YEAR, 0, 2 + day));
    days.push({
      month: date.getUTCMonth(),
      start: isoDay(date),
      end: isoDay(next),
      weekend: date.getUTCDay() === 0 || date.getUTCDay() === 6,
      firstOfMonth: date.getUTCDate() === 1,
      lastOfMonth: next.getUTCDate() === 1,
    });
  }
  return days;
}

function daysInMonth(month: number): number {
  return new Date(Date.UTC(DEMO_YEAR, month + 1, 0)).getUTCDate();
}

/** The columns every line of an account and month shares. */
function accountColumns(account: DemoBillingAccount, month: number): Partial<FocusRow> {
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

const EMPTY_ROW: FocusRow = {
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

function serviceColumns(service: ProviderService): Partial<FocusRow> {
  return {
    ServiceName: service.serviceName,
    ServiceCategory: service.serviceCategory,
    ServiceSubcategory: service.serviceSubcategory,
  };
}

/** The columns of a resource that do not change from day to day. */
function resourceColumns(resource: DemoResource, month: number, pricing: DemoPlan['pricing']): FocusRow {
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

/**
 * Bills the planned organisation day by day for a year, yielding CSV lines in a fixed order
 * (day, account, resource), so memory holds the plan and one month's totals, never the data.
 * Amortisation, per account with a commitment of daily amount D (whole cents):
 * 1. On the 1st of each month a Purchase line bills D x days-in-month (BilledCost), EffectiveCost 0.
 * 2. Each day, eligible production resources in plan order are covered while the commitment has
 *    room: a Used line with BilledCost 0 and EffectiveCost at the committed rate.
 * 3. What is left of D that day is one Unused line: BilledCost 0, EffectiveCost the remainder.
 * So per account and month, sum(BilledCost) = sum(EffectiveCost) exactly; per day they differ.
 * Everything else (on-demand usage, credits, taxes) has BilledCost = EffectiveCost.
 */
export function* generateDemoLines(plan: DemoPlan): Generator<DemoLine> {
  const noise = new SeededRandom(`${plan.options.seed}:usage`);
  const days = planDays();
  const accounts = DEMO_ACCOUNTS.filter((account) => plan.resourcesByAccount.get(account.key)!.length > 0);
  const spikesByService = new Map<string, DemoPlan['spikes']>();
  for (const spike of plan.spikes)
    spikesByService.set(spike.serviceId, [...(spikesByService.get(spike.serviceId) ?? []), spike]);
  const totals = new Map<string, MonthTotals>();
  const commitmentCells = new Map(
    accounts
      .filter((account) => account.commitment)
      .map((account) => {
        const terms = account.commitment!;
        return [
          account.key,
          {
            id: csvField(terms.id),
            name: csvField(terms.name),
            type: csvField(terms.type),
            category: terms.category,
            spend: terms.category === 'Spend',
          },
        ];
      }),
  );
  let templates = new Map<number, string[]>();

  for (const [dayIndex, day] of days.entries()) {
    if (day.firstOfMonth) {
      templates = new Map(
        plan.resources.map((resource) => [
          resource.index,
          formatFocusCells(resourceColumns(resource, day.month, plan.pricing)),
        ]),
      );
      for (const account of accounts) {
        totals.set(account.key, { usageBilled: 0n, billedByService: new Map() });
        const purchase = purchaseLine(plan, account, day.month);
        if (purchase) {
          addBilled(totals.get(account.key)!, purchase.service, purchase.amount);
          yield { account, month: day.month, text: purchase.text };
        }
      }
    }
    for (const account of accounts) {
      const monthTotals = totals.get(account.key)!;
      const prices = plan.pricing.get(account.key)!;
      const commitment = plan.commitments.get(account.key);
      let remaining = commitment?.dailyAmount ?? 0n;
      for (const resource of plan.resourcesByAccount.get(account.key)!) {
        const multiplier =
          usageMultiplier(resource, dayIndex, day, spikesByService) * (0.94 + noise.next() * 0.12);
        const quantity = toQuantityUnits(resource.baseQuantity * multiplier);
        const listCost = multiplyToAmount(quantity, prices.list.get(resource.kind)!);
        const contractedCost = multiplyToAmount(quantity, prices.contracted.get(resource.kind)!);
        // Cells of the resource's month template; only what changes by day is set here.
        const cells = templates.get(resource.index)!.slice();
        const quantityText = formatScaled(quantity, QUANTITY_SCALE);
        cells[COLUMN.ChargePeriodStart] = day.start;
        cells[COLUMN.ChargePeriodEnd] = day.end;
        cells[COLUMN.PricingQuantity] = quantityText;
        cells[COLUMN.ConsumedQuantity] = quantityText;
        cells[COLUMN.ListCost] = formatAmount(listCost);
        cells[COLUMN.ContractedCost] = formatAmount(contractedCost);
        const committedCost = multiplyToAmount(quantity, prices.committed.get(resource.kind)!);
        if (commitment && resource.commitmentEligible && committedCost <= remaining) {
          remaining -= committedCost;
          const terms = commitmentCells.get(account.key)!;
          const effective = formatAmount(committedCost);
          cells[COLUMN.PricingCategory] = 'Committed';
          cells[COLUMN.BilledCost] = '0';
          cells[COLUMN.EffectiveCost] = effective;
          cells[COLUMN.CommitmentDiscountId] = terms.id;
          cells[COLUMN.CommitmentDiscountName] = terms.name;
          cells[COLUMN.CommitmentDiscountType] = terms.type;
          cells[COLUMN.CommitmentDiscountCategory] = terms.category;
          cells[COLUMN.CommitmentDiscountStatus] = 'Used';
          cells[COLUMN.CommitmentDiscountQuantity] = terms.spend ? effective : quantityText;
          cells[COLUMN.CommitmentDiscountUnit] = terms.spend ? account.currency : cells[COLUMN.PricingUnit]!;
          cells[COLUMN.SkuPriceId] = csvField(`${resource.skuId}.COMMITTED`);
        } else {
          const billed = formatAmount(contractedCost);
          cells[COLUMN.PricingCategory] = 'Standard';
          cells[COLUMN.BilledCost] = billed;
          cells[COLUMN.EffectiveCost] = billed;
          cells[COLUMN.SkuPriceId] = csvField(`${resource.skuId}.ONDEMAND`);
          monthTotals.usageBilled += contractedCost;
          addBilled(monthTotals, resource.providerService, contractedCost);
        }
        yield { account, month: day.month, text: `${cells.join(',')}\n` };
      }
      if (commitment && remaining > 0n) {
        yield { account, month: day.month, text: unusedLine(account, day, remaining) };
      }
    }
    if (day.lastOfMonth) {
      for (const account of accounts) {
        for (const text of monthEndLines(account, day.month, totals.get(account.key)!)) {
          yield { account, month: day.month, text };
        }
      }
    }
  }
}

function usageMultiplier(
  resource: DemoResource,
  dayIndex: number,
  day: DayInfo,
  spikesByService: Map<string, DemoPlan['spikes']>,
): number {
  let multiplier = 1 + (resource.trend * dayIndex) / DEMO_DAYS;
  if (day.weekend) multiplier *= resource.weekendFactor;
  if (dayIndex >= HOLIDAY_SEASON_START && COMMERCE_COST_CENTRES.has(resource.service.costCentre))
    multiplier *= 1.15;
  for (const spike of spikesByService.get(resource.service.id) ?? []) {
    if (dayIndex >= spike.firstDay && dayIndex < spike.firstDay + spike.days) multiplier *= spike.factor;
  }
  return multiplier;
}

function addBilled(totals: MonthTotals, service: ProviderService, amount: bigint): void {
  const entry = totals.billedByService.get(service.serviceName);
  if (entry) entry.amount += amount;
  else totals.billedByService.set(service.serviceName, { service, amount });
}

function commitmentColumns(account: DemoBillingAccount): Partial<FocusRow> {
  const terms = account.commitment!;
  return {
    CommitmentDiscountId: terms.id,
    CommitmentDiscountName: terms.name,
    CommitmentDiscountType: terms.type,
    CommitmentDiscountCategory: terms.category,
  };
}

function purchaseLine(plan: DemoPlan, account: DemoBillingAccount, month: number) {
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

function unusedLine(account: DemoBillingAccount, day: DayInfo, remaining: bigint): string {
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
function* monthEndLines(account: DemoBillingAccount, month: number, totals: MonthTotals): Generator<string> {
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
