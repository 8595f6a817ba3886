import type { Release, ReleaseBaseline, TimeEntry } from '../core/governance/releases/release-model.js';

export interface ReleaseStore {
  insertRelease(release: Release): Promise<void>;
  getRelease(id: string): Promise<Release | undefined>;
  listReleases(): Promise<Release[]>;
  closeRelease(id: string, closedAt: string, closing: unknown): Promise<void>;
  getReleaseClosing(id: string): Promise<unknown | undefined>;
  insertTimeEntry(entry: TimeEntry): Promise<void>;
  listTimeEntries(releaseId: string): Promise<TimeEntry[]>;
  /** Stores a re-baselined estimate; the version must be new for the release. */
  insertBaseline(baseline: ReleaseBaseline): Promise<void>;
  /** The re-baselined estimates of a release, oldest version first (version 1 is not here). */
  listBaselines(releaseId: string): Promise<ReleaseBaseline[]>;
}
