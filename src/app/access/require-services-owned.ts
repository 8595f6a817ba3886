import { AccessError } from '../../core/access/access-error.js';
import { canSeeDetail } from '../../core/access/roles.js';
import type { Stores } from '../../ports/stores.js';
import { loadCatalog } from '../governance/governance-context.js';
import type { Principal } from './authenticate-token.js';

/**
 * Scoped roles (budget owners, approvers) act only for the services their teams own, as they
 * decide changes only for them; unscoped roles act for every service. The API and the CLI with
 * --token apply the same check.
 */
export async function requireServicesOwned(
  stores: Stores,
  principal: Principal,
  serviceIds: readonly string[],
): Promise<void> {
  if (canSeeDetail(principal.role, principal.scopes, [])) return;
  const catalog = await loadCatalog(stores);
  for (const serviceId of serviceIds) {
    const service = catalog.services.find((candidate) => candidate.id === serviceId);
    // An unknown service is the use case's to refuse, with its own code.
    if (!service) continue;
    const owner = service.ownerTeam ?? null;
    if (!canSeeDetail(principal.role, principal.scopes, [owner])) {
      throw new AccessError(
        'AUTH_NOT_OWNER',
        `You answer for ${principal.scopes.join(', ') || 'no team'}; ${serviceId} belongs to ${owner ?? 'no team'}. Ask one of its owners.`,
        403,
      );
    }
  }
}
