import type { PeriodKey } from './cost-store.js';

export type LoadStatus = 'active' | 'replaced' | 'removed';

export interface LoadFile {
  path: string;
  sha256: string;
  bytes: number;
  rowCount: number;
}

export interface LoadPeriod extends PeriodKey {
  billingCurrency: string;
  rowCount: number;
  billedCost: string;
  effectiveCost: string;
  replacedByLoadId: number | null;
}

export interface LoadRecord {
  id: number;
  sourceFormat: string;
  focusVersion: string | null;
  inputPath: string;
  contentHash: string;
  fileCount: number;
  rowCount: number;
  rejectedCount: number;
  warnings: Record<string, number>;
  status: LoadStatus;
  loadedAt: string;
  files: LoadFile[];
  periods: LoadPeriod[];
}

export type NewLoad = Omit<LoadRecord, 'id' | 'status' | 'loadedAt' | 'periods'> & {
  periods: Omit<LoadPeriod, 'replacedByLoadId'>[];
};

/** Small transactional state: here, what has been loaded and what replaced what. */
export interface StateStore {
  nextLoadId(): Promise<number>;
  insertLoad(id: number, load: NewLoad): Promise<void>;
  getLoad(id: number): Promise<LoadRecord | undefined>;
  findLoadByHash(contentHash: string): Promise<LoadRecord | undefined>;
  listLoads(options?: { includeInactive?: boolean }): Promise<LoadRecord[]>;
  /** Periods of other loads, not yet replaced, with the same provider, account and period. */
  findCurrentPeriods(key: PeriodKey, exceptLoadId: number): Promise<(LoadPeriod & { loadId: number })[]>;
  markPeriodReplaced(loadId: number, key: PeriodKey, byLoadId: number): Promise<void>;
  /** Sets a load's status from its periods: 'replaced' once none of them is current. */
  refreshLoadStatus(loadId: number): Promise<void>;
  markLoadRemoved(loadId: number): Promise<void>;
}
