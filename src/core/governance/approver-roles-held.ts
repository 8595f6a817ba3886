import type { GovernancePolicy } from './governance-policy.js';
import { APPROVER_ROLES, type ApproverRole } from './governance-types.js';

/** One policy role a person holds: for every service (null) or for the services listed. */
export interface HeldRole {
  role: ApproverRole;
  services: string[] | null;
}

/**
 * The approver roles `person` holds in the policy, one entry per role in the policy's role
 * order, with the services merged across assignments (any assignment without services makes
 * the role hold for every service). The same reading as `holdersOfRole`, from the person's side.
 */
export function approverRolesHeld(policy: GovernancePolicy, person: string): HeldRole[] {
  const held: HeldRole[] = [];
  for (const role of APPROVER_ROLES) {
    const assignments = policy.roles.filter(
      (assignment) => assignment.role === role && assignment.person === person,
    );
    if (assignments.length === 0) continue;
    const everywhere = assignments.some((assignment) => !assignment.services);
    held.push({
      role,
      services: everywhere ? null : [...new Set(assignments.flatMap((a) => a.services ?? []))].sort(),
    });
  }
  return held;
}
