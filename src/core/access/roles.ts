import { TollgateError } from '../errors.js';

/** The roles a user can hold, least to most powerful. */
export const ROLES = ['viewer', 'analyst', 'budget-owner', 'approver', 'finance-admin', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a request may do. A route names one permission; a role holds a set of them.
 * - costs:read        aggregates of spend (resource ids and accounts masked without costs:detail)
 * - costs:detail      resource ids and account numbers in clear, for every owner
 * - sources:read      what has been loaded
 * - sources:write     upload billing files, remove loads
 * - allocation:run    run allocation for a period
 * - jobs:read         progress and results of jobs
 * - budgets:read / budgets:write
 * - governance:read   releases, deployments, approvals, KPIs
 * - governance:write  record deployments and releases
 * - approvals:decide  approve or reject changes (scoped to owners for budget owners)
 * - gate:decide       ask "may this deployment go?"
 * - audit:read        the audit log
 * - users:admin       users and tokens
 */
export const PERMISSIONS = [
  'costs:read',
  'costs:detail',
  'sources:read',
  'sources:write',
  'allocation:run',
  'jobs:read',
  'budgets:read',
  'budgets:write',
  'governance:read',
  'governance:write',
  'approvals:decide',
  'gate:decide',
  'audit:read',
  'users:admin',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['costs:read', 'sources:read', 'jobs:read', 'budgets:read', 'governance:read'];

/**
 * The role table. Budget owners and approvers hold costs:detail only for the owners they are
 * scoped to (see `canSeeDetail`), so a budget owner of payments sees payments' resources and
 * only aggregates of everyone else.
 */
const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: ['costs:read', 'budgets:read', 'governance:read'],
  analyst: [...READ, 'costs:detail', 'gate:decide'],
  'budget-owner': [...READ, 'budgets:write', 'approvals:decide', 'gate:decide'],
  approver: [...READ, 'approvals:decide', 'gate:decide'],
  'finance-admin': [
    ...READ,
    'costs:detail',
    'sources:write',
    'allocation:run',
    'budgets:write',
    'governance:write',
    'gate:decide',
    'audit:read',
  ],
  admin: PERMISSIONS,
};

/** Roles whose detail rights apply only within their scopes (the owners they answer for). */
const SCOPED_DETAIL_ROLES: readonly Role[] = ['budget-owner', 'approver'];

export function parseRole(text: string): Role {
  if ((ROLES as readonly string[]).includes(text)) return text as Role;
  throw new TollgateError(
    'ACCESS_BAD_ROLE',
    `Unknown role '${text}'. Use one of: ${ROLES.join(', ')}.`,
    'usage',
  );
}

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function rolesAllowed(permission: Permission): Role[] {
  return ROLES.filter((role) => roleAllows(role, permission));
}

/**
 * May this user see resource ids and account numbers of lines restricted to `owners`?
 * Unrestricted roles with costs:detail: always. Scoped roles: only when every owner asked for
 * is one of their scopes (an empty list means "all owners", which they may not see).
 */
export function canSeeDetail(
  role: Role,
  scopes: readonly string[],
  owners: readonly (string | null)[],
): boolean {
  if (roleAllows(role, 'costs:detail')) return true;
  if (!SCOPED_DETAIL_ROLES.includes(role)) return false;
  return owners.length > 0 && owners.every((owner) => owner !== null && scopes.includes(owner));
}
