import type { Release, TimeEntry } from '../core/governance/releases/release-model.js';

export interface ReleaseStore {
  insertRelease(release: Release): Promise<void>;
  getRelease(id: string): Promise<Release | undefined>;
  listReleases(): Promise<Release[]>;
  closeRelease(id: string, closedAt: string, closing: unknown): Promise<void>;
  getReleaseClosing(id: string): Promise<unknown | undefined>;
  insertTimeEntry(entry: TimeEntry): Promise<void>;
  listTimeEntries(releaseId: string): Promise<TimeEntry[]>;
}
