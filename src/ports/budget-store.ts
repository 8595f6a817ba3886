import type { Budget } from '../core/budget/budget-model.js';
import type { ChargeDayCost, ChargeSeriesQuery } from './forecast-store.js';

/** One saved state of a budget: `budget` is null for the version that removed it. */
export interface BudgetVersion {
  name: string;
  version: number;
  budget: Budget | null;
  changedBy: string;
  /** ISO-8601 UTC. */
  changedAt: string;
}

/** Budgets by name; saving a name again replaces it. */
export interface BudgetStore {
  saveBudget(budget: Budget): Promise<'created' | 'updated'>;
  getBudget(name: string): Promise<Budget | undefined>;
  listBudgets(): Promise<Budget[]>;
  /** True when a budget was removed. */
  removeBudget(name: string): Promise<boolean>;
  /**
   * Appends the budget's next version (1 for a name never saved), its state after a save or null
   * after a removal; called in the same transaction as the save or removal.
   */
  appendBudgetVersion(name: string, budget: Budget | null, changedBy: string): Promise<BudgetVersion>;
  /** Every version of the name, oldest first (also of a removed budget); empty for an unknown name. */
  listBudgetVersions(name: string): Promise<BudgetVersion[]>;
  /**
   * The rows `ForecastStore.dailyCharges` answers (daily cost per charge class, group and
   * currency, in day order), read in one pass over the lines where the engine can: budget statuses and
   * forecasts ask this for every scope, and on allocated lines each pass is a join.
   */
  scanDailyCharges(query: ChargeSeriesQuery): Promise<ChargeDayCost[]>;
}
