import type { Budget } from '../../core/budget/budget-model.js';
import { formatScope, parseBudget } from '../../core/budget/parse-budget.js';
import { isOwnerDimension } from '../../core/costs/cost-query.js';
import { TollgateError } from '../../core/errors.js';
import type { Stores } from '../../ports/stores.js';
import type { Principal } from '../access/authenticate-token.js';
import { type Actor, commandLineActor, recordAudit } from '../audit/record-audit.js';
import { requireBudgetOwned } from './require-budget-owned.js';
import { scopeKeyOf } from './scope-key.js';

/**
 * Checks a budget against the data: the scope must match cost lines (allocated lines for an
 * owner scope), and lines in other currencies than the budget's need exchange rates into it
 * (their spend is converted when the budget is measured; a day without a rate is RATE_MISSING).
 */
export async function checkBudgetScope(stores: Stores, budget: Budget): Promise<void> {
  const rows = await stores.costs.queryCosts({
    groupBy: [],
    filters: budget.scope.filters,
    metric: budget.metric,
  });
  if (rows.length === 0)
    throw new TollgateError(
      'BUDGET_UNKNOWN_SCOPE',
      `Budget ${budget.name}: no cost lines match its scope (${scopeKeyOf(budget.scope.filters)}). ${
        budget.scope.filters.some((f) => isOwnerDimension(f.dimension))
          ? 'Owner scopes match allocated lines: check the owner id in the catalogue and run the allocation for the period first.'
          : 'Check the names against the costs by that dimension (values are case-sensitive), or load the billing data first.'
      }`,
      'invalid-input',
    );
  const others = [
    ...new Set(rows.map((row) => row.currency).filter((currency) => currency !== budget.currency)),
  ];
  const unrated: string[] = [];
  // Either direction of the pair converts (a pair stored only the other way divides), as measuring does.
  for (const currency of others) {
    const direct = await stores.exchangeRates.listRates({
      fromCurrency: currency,
      toCurrency: budget.currency,
    });
    const inverse =
      direct.length > 0
        ? direct
        : await stores.exchangeRates.listRates({ fromCurrency: budget.currency, toCurrency: currency });
    if (inverse.length === 0) unrated.push(currency);
  }
  if (unrated.length > 0)
    throw new TollgateError(
      'BUDGET_CURRENCY_MISMATCH',
      `Budget ${budget.name} is in ${budget.currency} but its cost lines are in ${[...new Set(rows.map((r) => r.currency))].join(', ')}, and there is no exchange rate from ${unrated.join(', ')} to ${budget.currency} to convert them with. Load the exchange rates, set the budget in ${unrated[0]}, or narrow the scope to one currency with currency=${budget.currency}.`,
      'invalid-input',
    );
}

/**
 * Creates or replaces one budget, after checking it against the data: saves it and its next
 * version and records the change (before and after) in the audit log, in one transaction.
 */
export async function setBudget(
  stores: Stores,
  input: unknown,
  actor: Actor = commandLineActor(),
  principal: Principal | null = null,
): Promise<{ budget: Budget; action: 'created' | 'updated'; version: number }> {
  const budget = parseBudget(input);
  requireBudgetOwned(principal, [budget, await stores.budgets.getBudget(budget.name)]);
  await checkBudgetScope(stores, budget);
  return stores.transaction(async () => {
    const before = await stores.budgets.getBudget(budget.name);
    const action = await stores.budgets.saveBudget(budget);
    const version = await stores.budgets.appendBudgetVersion(budget.name, budget, actor.name);
    await recordAudit(stores, actor, {
      action: 'budgets.set',
      target: `budget:${budget.name}`,
      before: before ? describeBudget(before) : null,
      after: { ...describeBudget(budget), version: version.version },
    });
    return { budget, action, version: version.version };
  });
}

/**
 * Applies every budget of a parsed budgets.yaml document, all or nothing: each entry is
 * validated and checked first, then all are saved in one transaction. Budgets not in the file
 * are left as they are.
 */
export async function applyBudgets(
  stores: Stores,
  document: unknown,
  source: string,
  actor: Actor = commandLineActor(),
  principal: Principal | null = null,
): Promise<{ name: string; action: 'created' | 'updated'; version: number }[]> {
  const entries =
    document && typeof document === 'object' && 'budgets' in document
      ? (document as { budgets: unknown }).budgets
      : undefined;
  if (!Array.isArray(entries) || entries.length === 0)
    throw new TollgateError(
      'BUDGET_FILE_INVALID',
      `${source} must have a top-level "budgets:" list with at least one budget (name, scope, amount, currency, ...).`,
      'invalid-input',
    );
  const budgets = entries.map((entry, index) => parseBudget(entry, `${source} budgets[${index}]`));
  const names = new Set<string>();
  for (const budget of budgets) {
    if (names.has(budget.name))
      throw new TollgateError(
        'BUDGET_FILE_INVALID',
        `${source} defines budget ${budget.name} twice.`,
        'invalid-input',
      );
    names.add(budget.name);
  }
  for (const budget of budgets) {
    requireBudgetOwned(principal, [budget, await stores.budgets.getBudget(budget.name)]);
    await checkBudgetScope(stores, budget);
  }
  return stores.transaction(async () => {
    const results: { name: string; action: 'created' | 'updated'; version: number }[] = [];
    const before: Record<string, unknown> = {};
    for (const budget of budgets) {
      const current = await stores.budgets.getBudget(budget.name);
      before[budget.name] = current ? describeBudget(current) : null;
      const action = await stores.budgets.saveBudget(budget);
      const version = await stores.budgets.appendBudgetVersion(budget.name, budget, actor.name);
      results.push({ name: budget.name, action, version: version.version });
    }
    // One entry for the whole file: it is one change, applied all or nothing.
    await recordAudit(stores, actor, {
      action: 'budgets.apply',
      target: `budgets:${source}`,
      before,
      after: Object.fromEntries(
        budgets.map((budget, n) => [
          budget.name,
          { ...describeBudget(budget), version: results[n]!.version },
        ]),
      ),
    });
    return results;
  });
}

export async function requireBudget(stores: Stores, name: string): Promise<Budget> {
  const budget = await stores.budgets.getBudget(name);
  if (!budget)
    throw new TollgateError(
      'BUDGET_NOT_FOUND',
      `No budget named '${name}'; the budgets list shows their names.`,
      'not-found',
    );
  return budget;
}

/** Removes a budget, keeping its history: a last version with no budget, and an audit entry. */
export async function removeBudget(
  stores: Stores,
  name: string,
  actor: Actor = commandLineActor(),
  principal: Principal | null = null,
): Promise<{ name: string; version: number }> {
  return stores.transaction(async () => {
    const before = await requireBudget(stores, name);
    requireBudgetOwned(principal, [before]);
    await stores.budgets.removeBudget(name);
    const version = await stores.budgets.appendBudgetVersion(name, null, actor.name);
    await recordAudit(stores, actor, {
      action: 'budgets.remove',
      target: `budget:${name}`,
      before: describeBudget(before),
      after: { version: version.version },
    });
    return { name, version: version.version };
  });
}

/** The budget as a user would write it in budgets.yaml. */
export function describeBudget(budget: Budget) {
  return {
    name: budget.name,
    scope: formatScope(budget.scope),
    period: budget.period,
    fiscalYearStartMonth: budget.fiscalYearStartMonth,
    amount: budget.amount,
    currency: budget.currency,
    metric: budget.metric,
    class: budget.costClass,
    thresholds: budget.thresholds.map((t) => `${t.basis}:${t.percent}`),
    burnRate: budget.burnRate,
  };
}
