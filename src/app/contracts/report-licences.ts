import { isCalendarDate } from '../../core/assets/calendar-months.js';
import { checkLicenceCompliance, type LicenceCompliance } from '../../core/contracts/licence-compliance.js';
import { TollgateError } from '../../core/errors.js';
import type { Stores } from '../../ports/stores.js';

export interface LicenceSummary extends LicenceCompliance {
  contractId: string;
  ownerTeam: string;
  startsOn: string;
  endsOn: string;
  price: string;
  version: number;
  /** The day of the usage snapshot the figures come from; null with no usage. */
  usageAsOf: string | null;
}

/** The newest day a snapshot can have: "as of" with no day asked means the newest snapshot. */
const NEWEST = '9999-12-31';

/**
 * Every licence against who holds it: shortfall (compliance risk) and shelfware (paid, unused)
 * with their cost, from each licence's newest usage snapshot on or before `asOf` (the newest
 * of all without it); a licence with no usage by then says so (status no-usage, figures null).
 */
export async function listLicenceCompliance(stores: Stores, asOf?: string): Promise<LicenceSummary[]> {
  if (asOf !== undefined && !isCalendarDate(asOf))
    throw new TollgateError(
      'LICENCE_BAD_DATE',
      `asOf '${asOf}' is not a date; give the day as YYYY-MM-DD.`,
      'usage',
      { field: 'asOf' },
    );
  const usages = new Map(
    (await stores.licenceUsage.latestOnOrBefore(asOf ?? NEWEST)).map((snapshot) => [
      snapshot.licenceId,
      snapshot,
    ]),
  );
  return (await stores.contracts.listCurrent('licence')).map(({ record: licence, version }) => ({
    ...checkLicenceCompliance(licence, usages.get(licence.id)?.usage),
    contractId: licence.contractId,
    ownerTeam: licence.ownerTeam,
    startsOn: licence.startsOn,
    endsOn: licence.endsOn,
    price: licence.price,
    version,
    usageAsOf: usages.get(licence.id)?.asOf ?? null,
  }));
}

/** Each licence's newest usage (the usage "now"), by licence id. */
export async function currentLicenceUsage(stores: Stores) {
  return new Map(
    (await stores.licenceUsage.latestOnOrBefore(NEWEST)).map((snapshot) => [
      snapshot.licenceId,
      snapshot.usage,
    ]),
  );
}
