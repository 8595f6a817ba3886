import { minorUnitDigits } from '../cost-entries/spread-over-days.js';
import { Decimal } from '../money.js';
import type { Licence, LicenceMetric, LicenceUsage } from './contract-model.js';

export interface LicenceCompliance {
  licenceId: string;
  product: string;
  metric: LicenceMetric;
  entitled: number;
  /** Null when no usage was loaded for the licence: unknown, never shown as zero. */
  used: number | null;
  /** Used beyond the entitlement: the compliance risk (a true-up to buy). */
  shortfall: number | null;
  shortfallCost: string | null;
  /** Paid for and unused. */
  shelfware: number | null;
  shelfwareCost: string | null;
  currency: string;
  status: 'compliant' | 'shortfall' | 'shelfware' | 'no-usage';
}

/**
 * A licence against its usage: the units held (sum of assignment quantities) against those
 * entitled. The cost of a unit is the term's price over the entitled quantity, so a shortfall
 * costs what a true-up at the same price would and shelfware what was paid for nothing; each
 * cost is price x units / quantity, rounded half-up once to the currency's minor unit.
 */
export function checkLicenceCompliance(licence: Licence, usage: LicenceUsage | undefined): LicenceCompliance {
  const base = {
    licenceId: licence.id,
    product: licence.product,
    metric: licence.metric,
    entitled: licence.quantity,
    currency: licence.currency,
  };
  if (!usage)
    return {
      ...base,
      used: null,
      shortfall: null,
      shortfallCost: null,
      shelfware: null,
      shelfwareCost: null,
      status: 'no-usage',
    };
  const used = usage.assignments.reduce((sum, assignment) => sum + assignment.quantity, 0);
  const shortfall = Math.max(0, used - licence.quantity);
  const shelfware = Math.max(0, licence.quantity - used);
  const cost = (units: number) =>
    new Decimal(licence.price)
      .times(units)
      .div(licence.quantity)
      .toDecimalPlaces(minorUnitDigits(licence.currency), Decimal.ROUND_HALF_UP)
      .toFixed();
  return {
    ...base,
    used,
    shortfall,
    shortfallCost: cost(shortfall),
    shelfware,
    shelfwareCost: cost(shelfware),
    status: shortfall > 0 ? 'shortfall' : shelfware > 0 ? 'shelfware' : 'compliant',
  };
}
