import { checkLicenceCompliance, type LicenceCompliance } from '../../core/contracts/licence-compliance.js';
import type { Stores } from '../../ports/stores.js';

export interface LicenceSummary extends LicenceCompliance {
  contractId: string;
  ownerTeam: string;
  startsOn: string;
  endsOn: string;
  price: string;
  version: number;
}

/**
 * Every licence against who holds it: shortfall (compliance risk) and shelfware (paid, unused)
 * with their cost; a licence with no usage loaded says so (status no-usage, figures null).
 */
export async function listLicenceCompliance(stores: Stores): Promise<LicenceSummary[]> {
  const usages = new Map(
    (await stores.contracts.listCurrent('licence-usage')).map((version) => [version.id, version.record]),
  );
  return (await stores.contracts.listCurrent('licence')).map(({ record: licence, version }) => ({
    ...checkLicenceCompliance(licence, usages.get(licence.id)),
    contractId: licence.contractId,
    ownerTeam: licence.ownerTeam,
    startsOn: licence.startsOn,
    endsOn: licence.endsOn,
    price: licence.price,
    version,
  }));
}
