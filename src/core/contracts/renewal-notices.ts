import type { AlertCondition } from '../alerting/alert-model.js';
import { addDays, daysInclusive } from '../cost-entries/calendar-days.js';
import { noticeDeadline } from './contract-fees.js';
import type { VendorContract } from './contract-model.js';

/** Notice due this close (in days) pages instead of opening a ticket. */
const PAGE_WITHIN_DAYS = 7;

export interface RenewalNotice {
  contractId: string;
  vendor: string;
  ownerTeam: string;
  endsOn: string;
  /** The day after the term: when it renews (autoRenews) or lapses. */
  renewsOn: string;
  autoRenews: boolean;
  noticeBy: string;
  /** Days from the as-of day to the notice deadline; negative once it has passed. */
  daysToNotice: number;
  status: 'notice-due' | 'notice-passed';
}

/**
 * Contracts whose notice deadline is within `withinDays` of `asOf` (deadline on or after asOf),
 * and those whose deadline passed while the term still runs (too late to give notice: they
 * renew or lapse), soonest deadline first. Contracts that ended before asOf are left out.
 */
export function upcomingRenewals(
  contracts: readonly VendorContract[],
  asOf: string,
  withinDays: number,
): RenewalNotice[] {
  const notices: RenewalNotice[] = [];
  for (const contract of contracts) {
    if (contract.endsOn < asOf) continue;
    const noticeBy = noticeDeadline(contract);
    const daysToNotice =
      noticeBy >= asOf ? daysInclusive(asOf, noticeBy) - 1 : -(daysInclusive(noticeBy, asOf) - 1);
    if (daysToNotice > withinDays) continue;
    notices.push({
      contractId: contract.id,
      vendor: contract.vendor,
      ownerTeam: contract.ownerTeam,
      endsOn: contract.endsOn,
      renewsOn: addDays(contract.endsOn, 1),
      autoRenews: contract.autoRenews,
      noticeBy,
      daysToNotice,
      status: daysToNotice >= 0 ? 'notice-due' : 'notice-passed',
    });
  }
  return notices.sort(
    (a, b) => a.noticeBy.localeCompare(b.noticeBy) || a.contractId.localeCompare(b.contractId),
  );
}

/** The alert of a notice still to give: one per contract and deadline; a page in the last week. */
export function renewalAlertCondition(notice: RenewalNotice): AlertCondition {
  return {
    key: `contract:${notice.contractId}:notice:${notice.noticeBy}`,
    budget: `contract:${notice.contractId}`,
    kind: 'renewal',
    severity: notice.daysToNotice <= PAGE_WITHIN_DAYS ? 'page' : 'ticket',
    title: `Contract ${notice.contractId} with ${notice.vendor}: give notice by ${notice.noticeBy} (${notice.daysToNotice} day${notice.daysToNotice === 1 ? '' : 's'} left) or it ${notice.autoRenews ? 'renews' : 'lapses'} on ${notice.renewsOn}`,
    details: { ...notice },
  };
}
