import type { ApiAnswer, Change } from '../api-types.js';
import { compareDecimals } from '../money-text.js';

export type HeldRoles = ApiAnswer<'getMyApproverRoles'>['roles'];

/** The approvals queue's filter, as its URL carries it (empty = no condition). */
export interface QueueFilter {
  /** Words to find in the change's id, service, release, version or requester. */
  search: string;
  service: string;
  environment: string;
  /** Only changes of services I hold an approver role for. */
  mine: boolean;
  /** Only changes estimated at this amount or more (a decimal, in the change's currency). */
  minCost: string;
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** Why the minimum cost cannot be used, in the dashboard's words; null when it can. */
export function minCostProblem(text: string): string | null {
  if (text.trim() === '' || DECIMAL.test(text.trim())) return null;
  return `'${text}' is not an amount; write a number such as 5000 or 1250.50.`;
}

/** The roles I hold for a service, in policy order (a sign-off is the service owner's only). */
export function rolesHeldFor(held: HeldRoles, service: string, kind: 'approval' | 'sign-off'): string[] {
  return held
    .filter((entry) => entry.services === null || entry.services.includes(service))
    .map((entry) => entry.role)
    .filter((role) => kind === 'approval' || role === 'service-owner');
}

/** The role "As" starts on: the first one the gate still waits for that I hold, else my first. */
export function defaultRole(held: readonly string[], missing: readonly { role: string }[]): string | null {
  return missing.find((requirement) => held.includes(requirement.role))?.role ?? held[0] ?? null;
}

/** The changes that pass every condition of the filter (a bad minimum cost is ignored; the field says why). */
export function filterQueue(
  changes: readonly Change[],
  filter: QueueFilter,
  held: HeldRoles,
  serviceName: (id: string) => string,
): Change[] {
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  const minCost = minCostProblem(filter.minCost) === null ? filter.minCost.trim() : '';
  return changes.filter((change) => {
    if (filter.service && change.service !== filter.service) return false;
    if (filter.environment && change.environment !== filter.environment) return false;
    if (filter.mine && rolesHeldFor(held, change.service, 'approval').length === 0) return false;
    if (minCost && compareDecimals(change.estimatedCost, minCost) < 0) return false;
    const text = [
      change.id,
      change.service,
      serviceName(change.service),
      change.releaseId,
      change.version,
      change.requestedBy,
    ]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
