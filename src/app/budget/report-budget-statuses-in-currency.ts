import type { Budget } from '../../core/budget/budget-model.js';
import { type RateBasis, rateDayOf } from '../../core/currency/convert-amount.js';
import { RateTable } from '../../core/currency/rate-table.js';
import type { TollgateError } from '../../core/errors.js';
import { addDays } from '../../core/forecast/day-dates.js';
import type { Stores } from '../../ports/stores.js';
import { listRatesBothWays, missingRates, requireReportingCurrency } from '../costs/convert-cost-report.js';
import { budgetStatusWindow } from './budget-status-report.js';
import { reportBudgetStatuses } from './budget-statuses-report.js';
import { describeBudget, requireBudget } from './manage-budgets.js';

/** How a budget was measured in the reporting currency. */
export interface BudgetConversion {
  currency: string;
  /** The budget as written. */
  budgetAmount: string;
  budgetCurrency: string;
  /** The day whose rate converted the budget's amount. */
  amountRateDay: string;
  rule: string;
}

export const BUDGET_AMOUNT_RULE =
  "spend is converted at each charge day's rate (as GET /costs currency=); the budget's amount, which has no charge day, at the rate of the last day the status counts (the day before the as-of day, or the period's last day)";

/**
 * The named budgets' statuses (every budget when none is named) measured in one reporting
 * currency, for views that show every figure in it.
 * 1. Each budget in another currency is restated in the reporting currency: its amount
 *    converted at the rate of the last day its status counts (RateTable, the cost report's rounding). A
 *    missing rate is that budget's RATE_MISSING error, not the whole answer's.
 * 2. The restated budgets are measured by reportBudgetStatuses, which converts every day's
 *    spend into the budget's (now the reporting) currency by the same conversion as GET /costs.
 * Burn rates and forecast are so measured in the reporting currency throughout.
 */
export async function reportBudgetStatusesInCurrency(
  stores: Stores,
  names: readonly string[],
  asOf: string,
  rateBasis: RateBasis,
  currency: string,
) {
  requireReportingCurrency(currency);
  const budgets =
    names.length === 0
      ? await stores.budgets.listBudgets()
      : await Promise.all(names.map((name) => requireBudget(stores, name)));
  const refused = new Map<string, TollgateError>();
  const conversions = new Map<string, BudgetConversion>();
  const restated: Budget[] = [];
  for (const budget of budgets) {
    if (budget.currency === currency) {
      restated.push(budget);
      continue;
    }
    // The status counts the days before `until`: the last of them is the last known rate's day.
    const day = rateDayOf(addDays(budgetStatusWindow(budget, asOf).until, -1), rateBasis);
    const table = new RateTable(
      currency,
      await listRatesBothWays(stores.exchangeRates, [day], currency, rateBasis),
    );
    const amount = table.convert(budget.amount, budget.currency, day);
    if (amount === undefined) {
      refused.set(budget.name, missingRates([`${day} ${budget.currency}->${currency}`], currency, rateBasis));
      continue;
    }
    conversions.set(budget.name, {
      currency,
      budgetAmount: budget.amount,
      budgetCurrency: budget.currency,
      amountRateDay: day,
      rule: BUDGET_AMOUNT_RULE,
    });
    restated.push({ ...budget, currency, amount: amount.toFixed() });
  }
  const outcomes = new Map(
    (await reportBudgetStatuses(stores, restated, asOf, {}, rateBasis)).map((outcome) => [
      outcome.budget.name,
      outcome,
    ]),
  );
  return {
    asOf,
    budgets: budgets.map((budget) => {
      const outcome = outcomes.get(budget.name);
      const error = refused.get(budget.name) ?? outcome?.error;
      return {
        name: budget.name,
        budget: describeBudget(budget),
        status: outcome?.report?.status ?? null,
        forecast: outcome?.report?.forecast ?? null,
        scopeKey: outcome?.report?.scopeKey ?? null,
        error: error ? { code: error.code, message: error.message } : null,
        conversion: conversions.get(budget.name) ?? null,
      };
    }),
  };
}
