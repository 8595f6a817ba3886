/**
 * The asset register's words. An asset is bought (acquired), put in service, depreciated monthly
 * from its in-service date down to its salvage value, and at the end retired and disposed of.
 * Amounts are decimal strings; dates are YYYY-MM-DD.
 */
export const ASSET_STATUSES = ['ordered', 'in-service', 'retired', 'disposed'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

/** Straight-line, or double-declining balance that switches to straight line when that is larger. */
export const DEPRECIATION_METHODS = ['straight-line', 'double-declining'] as const;
export type DepreciationMethod = (typeof DEPRECIATION_METHODS)[number];

/**
 * How the first (and last) partial month counts: the whole month, half of it (and the other half
 * after the last full month), or by days (the days left in the first month, the rest at the end).
 */
export const MONTH_CONVENTIONS = ['full-month', 'half-month', 'daily'] as const;
export type MonthConvention = (typeof MONTH_CONVENTIONS)[number];

/** A write-down of the book value in the month of `on` (a loss of value, not wear). */
export interface Impairment {
  on: string;
  amount: string;
}

export interface Asset {
  id: string;
  /** What kind of thing it is: server, storage, network, laptop, ... */
  assetClass: string;
  ownerTeam: string;
  ownerService: string | null;
  /** Data centre, rack, office or cloud account. */
  location: string | null;
  currency: string;
  acquiredOn: string;
  acquisitionCost: string;
  inServiceOn: string | null;
  usefulLifeMonths: number;
  /** What the asset is expected to fetch at disposal; depreciation stops there. */
  salvageValue: string;
  method: DepreciationMethod;
  convention: MonthConvention;
  status: AssetStatus;
  retiredOn: string | null;
  disposedOn: string | null;
  impairments: Impairment[];
  /** How discovery and billing lines name it (for reconciliation). */
  hostname: string | null;
  serial: string | null;
  resourceId: string | null;
}

/** The register's fields in file order: the CSV header and the JSON Schema's properties. */
export const ASSET_FIELDS = [
  'id',
  'assetClass',
  'ownerTeam',
  'ownerService',
  'location',
  'currency',
  'acquiredOn',
  'acquisitionCost',
  'inServiceOn',
  'usefulLifeMonths',
  'salvageValue',
  'method',
  'convention',
  'status',
  'retiredOn',
  'disposedOn',
  'impairments',
  'hostname',
  'serial',
  'resourceId',
] as const satisfies readonly (keyof Asset)[];
