import type { RuleSet } from '../core/allocation/rule-set-model.js';
import type { DriverValue } from '../core/allocation/split-weights.js';
import type { AllocationReportStore } from './allocation-report-store.js';
import type { AllocationRunStore } from './allocation-run-store.js';

export interface RuleSetVersion {
  version: number;
  appliedAt: string;
  appliedBy: string;
  /** First period (YYYY-MM) it applies to; '0000-01' means every period. */
  effectiveFrom: string;
  sourcePath: string;
  restoredFrom: number | null;
  yamlText: string;
  ruleSet: RuleSet;
}

/** Rule set versions: every applied rule set is kept; none is ever changed. */
export interface RuleSetStore {
  saveRuleSet(input: Omit<RuleSetVersion, 'version' | 'appliedAt'>): Promise<RuleSetVersion>;
  getRuleSetVersion(version: number): Promise<RuleSetVersion | undefined>;
  listRuleSetVersions(): Promise<Omit<RuleSetVersion, 'yamlText' | 'ruleSet'>[]>;
  /** The version that applies to a period: the newest applied one effective from it or earlier. */
  effectiveRuleSet(period: string): Promise<RuleSetVersion | undefined>;
}

export interface DriverSummary {
  period: string;
  driver: string;
  teams: number;
  total: string;
}

/** Usage drivers (CPU hours, requests, headcount...) per period and team. */
export interface DriverStore {
  /** Replaces the values of every (period, driver) pair present in `values`. */
  replaceDrivers(values: DriverValue[], sourcePath: string): Promise<void>;
  driversFor(period: string): Promise<DriverValue[]>;
  listDrivers(): Promise<DriverSummary[]>;
}

export interface ClosedPeriod {
  period: string;
  closedAt: string;
  closedBy: string;
}

/** Closed periods are frozen: their allocation never changes until they are reopened. */
export interface PeriodStore {
  getClosedPeriod(period: string): Promise<ClosedPeriod | undefined>;
  closePeriod(period: string, closedBy: string): Promise<void>;
  reopenPeriod(period: string): Promise<void>;
  listClosedPeriods(): Promise<ClosedPeriod[]>;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: Record<string, unknown>;
}

/** Append-only record of changes to what allocation depends on. */
export interface AllocationAuditLog {
  record(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void>;
  list(action?: string): Promise<AuditEntry[]>;
}

/** Everything allocation stores (the catalogue is its own field of `Stores`, shared with governance). */
export interface AllocationStores {
  rules: RuleSetStore;
  drivers: DriverStore;
  periods: PeriodStore;
  audit: AllocationAuditLog;
  runs: AllocationRunStore;
  reports: AllocationReportStore;
}
