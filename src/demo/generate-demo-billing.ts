import {
  addBilled,
  type DayInfo,
  isoDay,
  type MonthTotals,
  monthEndLines,
  purchaseLine,
  resourceColumns,
  unusedLine,
} from './demo-charge-lines.js';
import {
  formatAmount,
  formatScaled,
  multiplyToAmount,
  QUANTITY_SCALE,
  toQuantityUnits,
} from './demo-money.js';
import { DEMO_ACCOUNTS, type DemoBillingAccount } from './demo-organisation.js';
import { FOCUS_12_INDEX as COLUMN, csvField, formatFocusCells } from './focus-csv-row.js';
import { DEMO_DAYS, DEMO_YEAR, type DemoPlan, type DemoResource } from './plan-demo-billing.js';
import { SeededRandom } from './seeded-random.js';

/** One CSV line of the demo, with the billing account and month (0-11) whose export holds it. */
export interface DemoLine {
  account: DemoBillingAccount;
  month: number;
  text: string;
}

const COMMERCE_COST_CENTRES = new Set(['cc-1100', 'cc-1200']);
const HOLIDAY_SEASON_START = 318;

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
