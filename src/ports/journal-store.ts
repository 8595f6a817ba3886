import type { JournalAmount } from '../core/journal/build-journal.js';
import type { JournalMap, StoredJournalMap } from '../core/journal/journal-map.js';

export type { JournalAmount } from '../core/journal/build-journal.js';
export type { JournalMap, StoredJournalMap } from '../core/journal/journal-map.js';

/** What finance's journal is built from: a run's allocated amounts and the versions of the journal map. */
export interface JournalStore {
  /** The run's allocated billed cost by currency, cost centre, provider and service category. */
  journalAmounts(period: string, runId: number): Promise<JournalAmount[]>;
  /** Stores a new version of the journal map; answers its number. */
  saveJournalMap(map: JournalMap, appliedBy: string): Promise<number>;
  /** Every version, oldest first. */
  listJournalMaps(): Promise<StoredJournalMap[]>;
  /** Pins the map version a closed period posts with (null: none applied yet). */
  pinPeriodMap(period: string, version: number | null): Promise<void>;
  unpinPeriodMap(period: string): Promise<void>;
  /** The pinned version of a closed period; undefined when it has no pin. */
  pinnedPeriodMap(period: string): Promise<{ version: number | null } | undefined>;
}
