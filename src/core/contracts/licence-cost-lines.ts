import { splitUnits } from '../allocation/split-amount.js';
import { monthIndex, monthLabel } from '../assets/calendar-months.js';
import { DEPRECIATION_LINE_COLUMNS } from '../assets/depreciation-cost-lines.js';
import { daysInclusive } from '../cost-entries/calendar-days.js';
import { minorUnitDigits, spreadOverDays } from '../cost-entries/spread-over-days.js';
import { Decimal } from '../money.js';
import type { Licence, LicenceUsage } from './contract-model.js';

/** The provider and billing account licence cost lines are loaded under. */
export const LICENCE_PROVIDER = 'Tollgate licence register';
export const LICENCE_BILLING_ACCOUNT = 'licence-register';

/** FOCUS columns of a licence line: the depreciation line's, with `x_licence_id` for the asset id. */
export const LICENCE_LINE_COLUMNS = DEPRECIATION_LINE_COLUMNS.map((column) =>
  column === 'x_asset_id' ? 'x_licence_id' : column,
);

export interface TeamShare {
  team: string;
  month: string;
  amount: string;
}

/**
 * Who pays for a licence: each team by the units its members hold, and the licence's owner for
 * the units nobody holds (shelfware). Held units beyond the entitlement (a shortfall) still
 * split the same price: a true-up is a separate purchase. Without usage the owner pays all.
 */
export function licenceWeights(licence: Licence, usage: LicenceUsage | undefined): Map<string, bigint> {
  const weights = new Map<string, bigint>();
  let held = 0;
  for (const assignment of usage?.assignments ?? []) {
    weights.set(assignment.team, (weights.get(assignment.team) ?? 0n) + BigInt(assignment.quantity));
    held += assignment.quantity;
  }
  if (held < licence.quantity)
    weights.set(licence.ownerTeam, (weights.get(licence.ownerTeam) ?? 0n) + BigInt(licence.quantity - held));
  return weights;
}

/**
 * A licence's price split among teams and spread over its term, exactly:
 * 1. the price, as whole steps of the minor unit (or of its own last decimal), is split among
 *    the teams in proportion to their weights (licenceWeights) by cumulative rounding
 *    (splitUnits), teams by name, so each team's total is its share to within one step;
 * 2. each team's amount is spread over the term's days by largest remainder (spreadOverDays)
 *    and the days are summed per calendar month;
 * so the shares add up to the price, and each team's months to its share, to the last digit.
 */
export function spreadLicenceCost(licence: Licence, usage: LicenceUsage | undefined): TeamShare[] {
  const price = new Decimal(licence.price);
  const digits = Math.max(minorUnitDigits(licence.currency), price.decimalPlaces());
  const scale = new Decimal(10).pow(digits);
  const teams = [...licenceWeights(licence, usage)].sort(([a], [b]) => a.localeCompare(b));
  const parts = splitUnits(
    BigInt(price.times(scale).toFixed(0)),
    teams.map(([, weight]) => weight),
  );
  const termDays = daysInclusive(licence.startsOn, licence.endsOn);
  const first = Date.parse(`${licence.startsOn}T00:00:00Z`);
  const shares: TeamShare[] = [];
  teams.forEach(([team], index) => {
    const months = new Map<string, Decimal>();
    const amount = new Decimal(parts[index]!.toString()).div(scale);
    spreadOverDays(amount, termDays, digits).forEach((day, offset) => {
      const month = new Date(first + offset * 86_400_000).toISOString().slice(0, 7);
      months.set(month, (months.get(month) ?? new Decimal(0)).plus(day));
    });
    for (const [month, total] of months)
      if (!total.isZero()) shares.push({ team, month, amount: total.toFixed() });
  });
  return shares.sort((a, b) => a.month.localeCompare(b.month) || a.team.localeCompare(b.team));
}

const monthStart = (month: string) => `${month}-01 00:00:00`;
const nextMonthStart = (month: string) => `${monthLabel(monthIndex(month) + 1)}-01 00:00:00`;

/** The FOCUS lines of every licence's shares up to and including `through` (YYYY-MM). */
export function licenceCostLines(
  licences: readonly { licence: Licence; usage: LicenceUsage | undefined }[],
  through: string,
): string[][] {
  const lines: string[][] = [];
  for (const { licence, usage } of licences) {
    for (const share of spreadLicenceCost(licence, usage)) {
      if (share.month > through) continue;
      const values: Record<(typeof LICENCE_LINE_COLUMNS)[number], string> = {
        BilledCost: share.amount,
        BillingAccountId: LICENCE_BILLING_ACCOUNT,
        BillingAccountName: 'Licence register',
        BillingCurrency: licence.currency,
        BillingPeriodEnd: nextMonthStart(share.month),
        BillingPeriodStart: monthStart(share.month),
        ChargeCategory: 'Purchase',
        ChargeClass: '',
        ChargeDescription: `${licence.product} licence ${licence.id} (${licence.quantity} ${licence.metric}), ${share.team}'s share`,
        ChargeFrequency: 'Recurring',
        ChargePeriodEnd: nextMonthStart(share.month),
        ChargePeriodStart: monthStart(share.month),
        ContractedCost: share.amount,
        EffectiveCost: share.amount,
        InvoiceIssuerName: LICENCE_PROVIDER,
        ListCost: share.amount,
        PricingQuantity: '',
        PricingUnit: '',
        ProviderName: LICENCE_PROVIDER,
        PublisherName: licence.publisher ?? LICENCE_PROVIDER,
        RegionName: '',
        ResourceId: licence.id,
        ResourceName: licence.product,
        ResourceType: `licence (${licence.metric})`,
        ServiceCategory: 'Other',
        ServiceName: licence.product,
        Tags: JSON.stringify({ team: share.team }),
        x_licence_id: licence.id,
        x_cost_class: 'opex',
      };
      lines.push(LICENCE_LINE_COLUMNS.map((column) => values[column]));
    }
  }
  return lines;
}
