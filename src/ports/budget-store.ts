import type { Budget } from '../core/budget/budget-model.js';
import type { ChargeDayCost, ChargeSeriesQuery } from './forecast-store.js';

/** Budgets by name; saving a name again replaces it. */
export interface BudgetStore {
  saveBudget(budget: Budget): Promise<'created' | 'updated'>;
  getBudget(name: string): Promise<Budget | undefined>;
  listBudgets(): Promise<Budget[]>;
  /** True when a budget was removed. */
  removeBudget(name: string): Promise<boolean>;
  /**
   * The rows `ForecastStore.dailyCharges` answers (daily cost per charge class, group and
   * currency, in day order), read in one pass over the lines where the engine can: budget statuses and
   * forecasts ask this for every scope, and on allocated lines each pass is a join.
   */
  scanDailyCharges(query: ChargeSeriesQuery): Promise<ChargeDayCost[]>;
}
