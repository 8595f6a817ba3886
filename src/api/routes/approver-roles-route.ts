import { z } from 'zod';
import { listApproverRoles } from '../../app/governance/changes/list-approver-roles.js';
import { APPROVER_ROLES } from '../../core/governance/governance-types.js';
import { defineRoute } from '../route-spec.js';

/** The caller's own approver roles in the governance policy, and for which services. */
export const approverRolesRoute = defineRoute({
  id: 'getMyApproverRoles',
  method: 'GET',
  path: '/api/v1/me/approver-roles',
  summary:
    'The approver roles the caller holds in the governance policy, each for every service (services: null) or the services listed',
  tag: 'governance',
  permission: 'governance:read',
  response: z.object({
    person: z.string(),
    roles: z.array(z.object({ role: z.enum(APPROVER_ROLES), services: z.array(z.string()).nullable() })),
  }),
  errors: { 404: 'No policy applied yet (POLICY_MISSING)' },
  handler: async ({ principal, services }) => listApproverRoles(services.stores, principal!.name),
});
