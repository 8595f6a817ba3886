import { AccessError } from './access-error.js';
import { type Permission, type Role, roleAllows } from './roles.js';

/** The one role check, for the API's routes and the CLI's commands alike: 403 when the role lacks it. */
export function requirePermission(role: Role, permission: Permission): void {
  if (!roleAllows(role, permission)) {
    throw new AccessError(
      'AUTH_FORBIDDEN',
      `The role ${role} may not do this (it needs ${permission}); ask an admin for a role that holds it.`,
      403,
    );
  }
}
