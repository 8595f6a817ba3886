import type { CostQuery, CostRow } from '../core/costs/cost-query.js';
import type { StagedLines } from './staged-lines.js';

/** Identifies the lines of one billing period of one account from one provider, in one load. */
export interface PeriodKey {
  providerName: string;
  billingAccountId: string;
  /** ISO timestamp of BillingPeriodStart, 'YYYY-MM-DD HH:MM:SS'. */
  billingPeriodStart: string;
}

/** The facts: canonical FOCUS cost lines, appended and replaced by load and period. */
export interface CostStore {
  /** Copies staged lines into the store; returns how many were stored. */
  importStagedLines(staged: StagedLines): Promise<number>;
  /** Deletes one load's lines, all of them or those of one period; returns how many. */
  deleteLoadLines(loadId: number, period?: PeriodKey): Promise<number>;
  /** Sums one metric over the lines, grouped as asked, one row per group and currency. */
  queryCosts(query: CostQuery): Promise<CostRow[]>;
  /** How many lines a load has in the store. */
  countLoadLines(loadId: number): Promise<number>;
  /**
   * Brings the rollups of allocated cost up to every period's current allocation run: called
   * after an allocation job so the dashboard's next question does not wait for it. Not in a
   * transaction. A store whose runs rebuild their rollups themselves (server mode) has nothing
   * to do and returns at once.
   */
  refreshAllocatedRollups(): Promise<void>;
}
