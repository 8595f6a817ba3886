import type { LicenceUsage } from '../core/contracts/contract-model.js';

/** Who held one licence as of a day, and who loaded it when. */
export interface LicenceUsageSnapshot {
  licenceId: string;
  /** The day the usage was measured, YYYY-MM-DD. */
  asOf: string;
  usage: LicenceUsage;
  loadedAt: string;
  loadedBy: string;
}

/**
 * Licence usage over time: one snapshot per licence and day. Saving a snapshot for a licence
 * and day replaces that day's (other days are kept), so loading the same file twice leaves
 * the same snapshots.
 */
export interface LicenceUsageStore {
  /** Replaces the snapshot of each (licence, day) given, in one transaction. */
  replaceSnapshots(
    snapshots: readonly { asOf: string; usage: LicenceUsage }[],
    loadedBy: string,
  ): Promise<void>;
  /** The snapshots of these (licence, day) pairs that exist, by licence then day. */
  findSnapshots(keys: readonly { licenceId: string; asOf: string }[]): Promise<LicenceUsageSnapshot[]>;
  /** Each licence's newest snapshot on or before `day` (licences with none are left out), by licence. */
  latestOnOrBefore(day: string): Promise<LicenceUsageSnapshot[]>;
  /** Every snapshot from `from` to `to` (both included), by licence then day. */
  listBetween(from: string, to: string): Promise<LicenceUsageSnapshot[]>;
}
