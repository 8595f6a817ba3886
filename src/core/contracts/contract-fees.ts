import { monthIndex } from '../assets/calendar-months.js';
import { minorUnitDigits } from '../cost-entries/spread-over-days.js';
import { Decimal } from '../money.js';
import type { VendorContract } from './contract-model.js';

/**
 * The contract's monthly fee in `month` (YYYY-MM): the first year's fee, raised by the
 * escalation percent on each anniversary of the start (compounded), rounded half-up to the
 * currency's minor unit once per year. Null when the contract has no fee or the month is
 * outside its term.
 */
export function monthlyFeeIn(contract: VendorContract, month: string): string | null {
  if (contract.monthlyFee === null) return null;
  if (month < contract.startsOn.slice(0, 7) || month > contract.endsOn.slice(0, 7)) return null;
  const years = Math.floor((monthIndex(month) - monthIndex(contract.startsOn)) / 12);
  const factor = new Decimal(1).plus(new Decimal(contract.escalationPercent).div(100)).pow(years);
  return new Decimal(contract.monthlyFee)
    .times(factor)
    .toDecimalPlaces(minorUnitDigits(contract.currency), Decimal.ROUND_HALF_UP)
    .toFixed();
}

/** The day notice must be given by for the contract not to renew: `noticeDays` before its last day. */
export function noticeDeadline(contract: Pick<VendorContract, 'endsOn' | 'noticeDays'>): string {
  const end = new Date(`${contract.endsOn}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - contract.noticeDays);
  return end.toISOString().slice(0, 10);
}
