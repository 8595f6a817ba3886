import type { Approval, CatalogAnswer, Change, Me } from '../api-types.js';

/**
 * Which services' changes are "mine" to look at. Approvers and budget owners decide only for
 * the teams they are scoped to (the API refuses the rest); roles with costs:detail see every
 * service; a viewer sees every change but cannot decide.
 * Returns null for "every service".
 */
export function servicesInScope(me: Me, catalog: CatalogAnswer): Set<string> | null {
  if (me.role !== 'approver' && me.role !== 'budget-owner') return null;
  return new Set(
    catalog.catalog.services.filter((service) => me.scopes.includes(service.ownerTeam)).map((s) => s.id),
  );
}

export function inScope(scope: Set<string> | null, change: Change): boolean {
  return scope === null || scope.has(change.service);
}

/** Newest first by the time the change was ready to deploy, then by id. */
export function newestFirst(a: Change, b: Change): number {
  return b.readyAt.localeCompare(a.readyAt) || b.id.localeCompare(a.id, 'en', { numeric: true });
}

/** My decisions on a change (an approval and a sign-off are two). */
export function myDecisions(approvals: readonly Approval[], me: Me): Approval[] {
  return approvals.filter((approval) => approval.approver === me.name);
}

/** Can I decide on this change at all? The server checks the policy role; this is what the page knows. */
export function whyICannotDecide(me: Me, change: Change, approvals: readonly Approval[]): string | null {
  if (!me.permissions.includes('approvals:decide'))
    return `Your role (${me.role}) may read changes but not approve or reject them.`;
  if (change.status !== 'open') return `This change is ${change.status}; only open changes take decisions.`;
  if (change.requestedBy === me.name)
    return 'You requested this change, so you cannot decide on it (separation of duties).';
  if (remainingKinds(approvals, me).length === 0)
    return 'You have already decided on this change; one person decides once.';
  return null;
}

/**
 * An approval and a financial sign-off are separate records; each person gives each once. The
 * sign-off is the service owner's, so after approving in another role I have nothing left.
 */
export function remainingKinds(approvals: readonly Approval[], me: Me): ('approval' | 'sign-off')[] {
  const mine = myDecisions(approvals, me);
  const approved = mine.find((approval) => approval.kind === 'approval');
  const signedOff = mine.some((approval) => approval.kind === 'sign-off');
  return [
    ...(approved ? [] : (['approval'] as const)),
    ...(signedOff || (approved && approved.role !== 'service-owner') ? [] : (['sign-off'] as const)),
  ];
}
