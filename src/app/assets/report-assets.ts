import type { Asset } from '../../core/assets/asset-model.js';
import { monthIndex } from '../../core/assets/calendar-months.js';
import {
  buildDepreciationSchedule,
  type DepreciationMonth,
} from '../../core/assets/depreciation-schedule.js';
import { TollgateError } from '../../core/errors.js';
import { Decimal } from '../../core/money.js';
import type { AssetVersion } from '../../ports/asset-store.js';
import type { Stores } from '../../ports/stores.js';
import { requireAsset } from './manage-asset-register.js';

/** An asset in the register's list, with its book value at the end of a month. */
export interface AssetSummary {
  id: string;
  assetClass: string;
  ownerTeam: string;
  ownerService: string | null;
  location: string | null;
  status: Asset['status'];
  currency: string;
  acquisitionCost: string;
  /** Book value at the end of the month asked for; the cost before the schedule starts. */
  bookValue: string;
  /** Depreciation, impairment and write-off charged in that month. */
  chargedInMonth: string;
  version: number;
}

/** The book value of an asset at the end of a month (YYYY-MM) and what that month charged. */
export function bookValueAt(asset: Asset, schedule: readonly DepreciationMonth[], asOf: string) {
  const month = monthIndex(asOf);
  const past = schedule.filter((row) => monthIndex(row.month) <= month);
  const current = schedule.find((row) => monthIndex(row.month) === month);
  const charged = current
    ? new Decimal(current.depreciation).plus(current.impairment).plus(current.writeOff)
    : new Decimal(0);
  return { bookValue: past.at(-1)?.bookValue ?? asset.acquisitionCost, chargedInMonth: charged.toFixed() };
}

function summarise(version: AssetVersion, asOf: string): AssetSummary {
  const { asset } = version;
  return {
    id: asset.id,
    assetClass: asset.assetClass,
    ownerTeam: asset.ownerTeam,
    ownerService: asset.ownerService,
    location: asset.location,
    status: asset.status,
    currency: asset.currency,
    acquisitionCost: asset.acquisitionCost,
    ...bookValueAt(asset, buildDepreciationSchedule(asset), asOf),
    version: version.version,
  };
}

/** Every asset as it is now, valued at the end of `asOf` (YYYY-MM), optionally of one team or status. */
export async function listAssetSummaries(
  stores: Stores,
  options: { asOf: string; team?: string; status?: string },
): Promise<AssetSummary[]> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.asOf)) {
    throw new TollgateError(
      'ASSET_BAD_MONTH',
      `'${options.asOf}' is not a month; give the month to value the assets at as YYYY-MM.`,
      'usage',
    );
  }
  const versions = await stores.assets.listAssets();
  return versions
    .filter((version) => options.team === undefined || version.asset.ownerTeam === options.team)
    .filter((version) => options.status === undefined || version.asset.status === options.status)
    .map((version) => summarise(version, options.asOf));
}

/** One asset in full: the asset now, its schedule month by month, and every version it had. */
export async function showAsset(stores: Stores, id: string) {
  const current = await requireAsset(stores, id);
  const history = await stores.assets.assetHistory(id);
  return {
    ...current,
    schedule: buildDepreciationSchedule(current.asset),
    history: history.map((version) => ({
      version: version.version,
      changedAt: version.changedAt,
      changedBy: version.changedBy,
      status: version.asset.status,
    })),
  };
}
