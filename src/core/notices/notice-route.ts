import type { GovernanceNotice } from './governance-notice.js';

/**
 * True when a channel routed by `route` receives this notice: no route receives everything;
 * `approver=ROLE` the approval requests that wait on that role; `catalog-service=ID` and
 * `team=TEAM` everything about the service they own. Budget and other scope routes are for
 * budget alerts only.
 */
export function routeMatchesNotice(route: string | null, notice: GovernanceNotice): boolean {
  if (route === null) return true;
  const at = route.indexOf('=');
  const dimension = route.slice(0, at);
  const value = route.slice(at + 1);
  if (dimension === 'approver') return notice.roles.includes(value);
  if (dimension === 'catalog-service') return notice.service === value;
  if (dimension === 'team') return notice.ownerTeam === value;
  return false;
}
