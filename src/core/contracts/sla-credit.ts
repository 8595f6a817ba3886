import { minorUnitDigits } from '../cost-entries/spread-over-days.js';
import { TollgateError } from '../errors.js';
import { Decimal } from '../money.js';
import { monthlyFeeIn } from './contract-fees.js';
import type { SlaTerm, VendorContract } from './contract-model.js';

/**
 * The credit a missed service level earns in a month, by the contract's schedule:
 * 1. the level must be below the SLA's target (at or above it, it was met: refused);
 * 2. the credit percent is that of the lowest step the measured level is below (steps are
 *    sorted from the highest `below` down, so the last one that applies is the largest credit);
 * 3. the credit is that percent of the month's fee (escalated), rounded half-up to the minor unit.
 * A level below the target but above every step earns nothing, and says so with '0'.
 */
export function slaCreditOwed(
  contract: VendorContract,
  slaName: string,
  month: string,
  measured: string,
): { sla: SlaTerm; creditPercent: string; creditOwed: string } {
  const sla = contract.slas.find((candidate) => candidate.name === slaName);
  if (!sla) {
    const names = contract.slas.map((candidate) => candidate.name);
    throw new TollgateError(
      'SLA_UNKNOWN',
      `Contract ${contract.id} has no service level '${slaName}'; ${names.length > 0 ? `its levels are ${names.join(', ')}` : 'it has none, add them to the contract first'}.`,
      'invalid-input',
    );
  }
  const level = new Decimal(measured);
  if (level.gte(sla.target)) {
    throw new TollgateError(
      'SLA_MET',
      `${measured}% meets the target ${sla.target}% of '${sla.name}' in contract ${contract.id}; only a level below the target is a breach.`,
      'invalid-input',
    );
  }
  const fee = monthlyFeeIn(contract, month);
  if (fee === null) {
    throw new TollgateError(
      'SLA_OUTSIDE_TERM',
      `${month} is outside the term of contract ${contract.id} (${contract.startsOn} to ${contract.endsOn}); record a breach in a month the contract ran.`,
      'invalid-input',
    );
  }
  let creditPercent = '0';
  for (const step of sla.credits) if (level.lt(step.below)) creditPercent = step.creditPercent;
  const creditOwed = new Decimal(fee)
    .times(creditPercent)
    .div(100)
    .toDecimalPlaces(minorUnitDigits(contract.currency), Decimal.ROUND_HALF_UP)
    .toFixed();
  return { sla, creditPercent, creditOwed };
}
