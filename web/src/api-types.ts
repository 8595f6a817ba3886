/** Shapes of the API answers the shell and several views share (see /api/v1/openapi.json). */

export const ROLES = ['viewer', 'analyst', 'budget-owner', 'approver', 'finance-admin', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Me {
  name: string;
  role: Role;
  scopes: string[];
  tokenId: string;
  permissions: string[];
}

export interface SessionAnswer {
  token: string;
  tokenId: string;
  expiresAt: string;
  user: string;
  role: Role;
}

export type CostMetric = 'billed' | 'effective' | 'list' | 'contracted';

/** GET /api/v1/costs: one row per group and currency; `cost` is an exact decimal string. */
export interface CostReport {
  metric: CostMetric;
  from: string | null;
  to: string | null;
  rows: Array<Record<string, string | null>>;
}

export function hasPermission(me: Me, permission: string): boolean {
  return me.permissions.includes(permission);
}
