import { AccessError } from '../../core/access/access-error.js';
import { roleAllows } from '../../core/access/roles.js';
import type { Budget } from '../../core/budget/budget-model.js';
import type { Principal } from '../access/authenticate-token.js';

/**
 * A scoped budget owner writes only budgets that belong to one of their teams (an owner scope
 * `owner:team=<id>`), before and after the change; roles that see every owner's detail
 * (finance admins, admins) write any budget. The same check serves the API and the CLI's token.
 */
export function requireBudgetOwned(
  principal: Principal | null,
  budgets: readonly (Budget | undefined)[],
): void {
  if (principal === null || roleAllows(principal.role, 'costs:detail')) return;
  for (const budget of budgets) {
    if (!budget) continue;
    const owner = budget.scope.owner;
    if (owner?.kind !== 'team' || !principal.scopes.includes(owner.id))
      throw new AccessError(
        'AUTH_NOT_OWNER',
        `You answer for ${principal.scopes.join(', ') || 'no team'}; budget ${budget.name} is not scoped to one of them (owner:team=<id>). Ask a finance admin.`,
        403,
      );
  }
}
