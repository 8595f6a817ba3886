import type { Budget } from '../budget/budget-model.js';
import { parseFilter } from '../costs/cost-query.js';
import { TollgateError } from '../errors.js';
import { APPROVER_ROLES, isApproverRole } from '../governance/governance-types.js';

/** A webhook's route as given: `budget=NAME`, `approver=ROLE`, or one scope term (`tag:team=payments`). */
export function parseWebhookRoute(text: string): string {
  const route = text.trim();
  // Approval requests waiting on a role go to `approver=ROLE` channels (src/core/notices).
  const approver = /^approver=(.+)$/.exec(route);
  if (approver) {
    if (isApproverRole(approver[1]!.trim())) return `approver=${approver[1]!.trim()}`;
    throw new TollgateError(
      'WEBHOOK_BAD_ROUTE',
      `Route '${text}' names no approver role; write approver= and one of ${APPROVER_ROLES.join(', ')}.`,
      'usage',
    );
  }
  const budget = /^budget=(.+)$/.exec(route);
  if (budget) return `budget=${budget[1]!.trim()}`;
  try {
    const filter = parseFilter(route);
    if (filter.values.length === 1 && filter.values[0] !== null)
      return `${filter.dimension}=${filter.values[0]}`;
  } catch {
    // Falls through to the message below, which says what a route may be.
  }
  throw new TollgateError(
    'WEBHOOK_BAD_ROUTE',
    `Route '${text}' is neither budget=NAME, approver=ROLE nor one scope term such as tag:team=payments or catalog-service=checkout; write one of those, or leave the route out to receive every alert.`,
    'usage',
  );
}

/**
 * True when a webhook routed by `route` receives the alerts of `budget`: no route receives all;
 * `budget=NAME` the one budget; a scope term every budget whose scope has that term, so a team's
 * channel hears of the budgets scoped to the team.
 */
export function routeMatchesBudget(route: string | null, budget: Pick<Budget, 'name' | 'scope'>): boolean {
  if (route === null) return true;
  if (route.startsWith('approver=')) return false;
  if (route.startsWith('budget=')) return route.slice('budget='.length) === budget.name;
  const at = route.lastIndexOf('=');
  const dimension = route.slice(0, at);
  const value = route.slice(at + 1);
  return budget.scope.filters.some((f) => f.dimension === dimension && f.values.includes(value));
}
