import { approverRolesHeld, type HeldRole } from '../../../core/governance/approver-roles-held.js';
import type { Stores } from '../../../ports/stores.js';
import { requirePolicy } from '../governance-context.js';

/** The policy roles a user may approve in (what the dashboard offers as "As"). */
export async function listApproverRoles(
  stores: Stores,
  person: string,
): Promise<{ person: string; roles: HeldRole[] }> {
  const policy = await requirePolicy(stores);
  return { person, roles: approverRolesHeld(policy.policy, person) };
}
