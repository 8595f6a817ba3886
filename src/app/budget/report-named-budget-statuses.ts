import type { RateBasis } from '../../core/currency/convert-amount.js';
import type { Stores } from '../../ports/stores.js';
import { reportBudgetStatuses } from './budget-statuses-report.js';
import { describeBudget, requireBudget } from './manage-budgets.js';

/**
 * The status of the named budgets (every budget when none is named) as of a day, one entry per
 * budget: a budget that cannot be measured carries its error instead of failing the others. A
 * name that does not exist refuses the whole request (BUDGET_NOT_FOUND).
 */
export async function reportNamedBudgetStatuses(
  stores: Stores,
  names: readonly string[],
  asOf: string,
  rateBasis: RateBasis,
) {
  const budgets =
    names.length === 0
      ? await stores.budgets.listBudgets()
      : await Promise.all(names.map((name) => requireBudget(stores, name)));
  const outcomes = await reportBudgetStatuses(stores, budgets, asOf, {}, rateBasis);
  return {
    asOf,
    budgets: outcomes.map((outcome) => ({
      name: outcome.budget.name,
      budget: describeBudget(outcome.budget),
      status: outcome.report?.status ?? null,
      forecast: outcome.report?.forecast ?? null,
      scopeKey: outcome.report?.scopeKey ?? null,
      error: outcome.error ? { code: outcome.error.code, message: outcome.error.message } : null,
    })),
  };
}
