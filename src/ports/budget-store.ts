import type { Budget } from '../core/budget/budget-model.js';

/** Budgets by name; saving a name again replaces it. */
export interface BudgetStore {
  saveBudget(budget: Budget): Promise<'created' | 'updated'>;
  getBudget(name: string): Promise<Budget | undefined>;
  listBudgets(): Promise<Budget[]>;
  /** True when a budget was removed. */
  removeBudget(name: string): Promise<boolean>;
}
