/**
 * Vocabulary of release and deployment governance (ITIL 4 deployment management and change
 * enablement, DORA). Timestamps are ISO-8601 UTC strings; amounts are decimal strings.
 */
export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const DEPLOYMENT_OUTCOMES = ['succeeded', 'failed', 'rolled_back'] as const;
export type DeploymentOutcome = (typeof DEPLOYMENT_OUTCOMES)[number];

/** Roles an approval rule can name. */
export const APPROVER_ROLES = ['budget-owner', 'service-owner', 'finance', 'cab', 'executive'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

export const SPEND_CLASSES = ['capex', 'opex'] as const;
export type SpendClass = (typeof SPEND_CLASSES)[number];

export function isChangeType(value: string): value is ChangeType {
  return (CHANGE_TYPES as readonly string[]).includes(value);
}

export function isDeploymentOutcome(value: string): value is DeploymentOutcome {
  return (DEPLOYMENT_OUTCOMES as readonly string[]).includes(value);
}

export function isApproverRole(value: string): value is ApproverRole {
  return (APPROVER_ROLES as readonly string[]).includes(value);
}

/** Milliseconds since the epoch of an ISO timestamp; NaN when it does not parse. */
export function toMillis(iso: string): number {
  return Date.parse(iso);
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** True for an ISO date or date-time that Date can read. */
export function isIsoTimestamp(value: string): boolean {
  return ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}

/** Normalises an ISO date or date-time to 'YYYY-MM-DDTHH:MM:SS.sssZ' (UTC). */
export function normaliseTimestamp(value: string): string {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`;
  return new Date(withZone).toISOString();
}
