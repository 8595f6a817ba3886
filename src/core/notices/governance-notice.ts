import type { Service } from '../catalog/catalog-model.js';
import type { ChangeRequest } from '../governance/changes/change-request.js';
import type { GateDecision } from '../governance/gate/decide-deployment.js';
import { Decimal } from '../money.js';

export const NOTICE_KINDS = ['approval-request', 'gate-denial'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * A governance notification for people, not an alert: a change that waits on approvers, or a
 * deployment the gate denied. Sent through the alert channels (webhook, Slack, Teams, PagerDuty,
 * e-mail), routed by approver role and by the service's owners.
 */
export interface GovernanceNotice {
  kind: NoticeKind;
  /** The same key is notified once: one approval request per change, one per denial of a version for the same reasons. */
  key: string;
  title: string;
  service: string;
  environment: string;
  ownerTeam: string;
  /** Approver roles the change waits on (approval requests); none for a denial. */
  roles: string[];
  /** The people who may decide in those roles. */
  approvers: string[];
  facts: { title: string; value: string }[];
  /** The dashboard page of the change (relative to the dashboard's root). */
  link: string;
  at: string;
}

function changeLink(changeId: string | null): string {
  return changeId === null ? '/?view=approvals' : `/?view=approvals&change=${encodeURIComponent(changeId)}`;
}

/** What the deployment risks, in words: the service's criticality and whether it is production. */
function describeRisk(service: Service, production: boolean): string {
  return `criticality ${service.criticality}, ${production ? 'production' : 'not production'}`;
}

function costFacts(decision: GateDecision): { title: string; value: string }[] {
  const { budget } = decision;
  const money = (amount: string) => `${new Decimal(amount).toFixed(2)} ${budget.currency}`;
  return [
    { title: 'Estimated cost', value: money(budget.estimate) },
    {
      title: 'Budget headroom',
      value:
        budget.headroom === null || budget.amount === null
          ? 'no release budget (headroom unknown)'
          : `${money(budget.headroom)} of ${money(budget.amount)}`,
    },
  ];
}

/**
 * The approval request for a change that waits on approvers: the roles still missing, the
 * people who hold them, the change's cost against its release budget, its risk and its link.
 * Undefined when no approval is missing (a pre-approved standard change).
 */
export function buildApprovalRequestNotice(
  change: ChangeRequest,
  decision: GateDecision,
  context: { service: Service; production: boolean; approvers: string[] },
): GovernanceNotice | undefined {
  const waiting = decision.requiredApprovals.filter((requirement) => requirement.missing > 0);
  if (waiting.length === 0) return undefined;
  const roles = waiting.map((requirement) => requirement.role);
  return {
    kind: 'approval-request',
    key: `approval-request:${change.id}`,
    title: `Change ${change.id} to ${change.service}/${change.environment} waits on ${roles.join(', ')} approval`,
    service: change.service,
    environment: change.environment,
    ownerTeam: context.service.ownerTeam,
    roles,
    approvers: context.approvers,
    facts: [
      {
        title: 'Change',
        value: `${change.id} (${change.changeType}${change.version ? `, ${change.version}` : ''})`,
      },
      { title: 'Requested by', value: change.requestedBy },
      ...costFacts(decision),
      { title: 'Risk', value: describeRisk(context.service, context.production) },
      {
        title: 'Waiting on',
        value: waiting.map((r) => `${r.role} ${r.missing} of ${r.quorum}`).join('; '),
      },
      { title: 'Approvers', value: context.approvers.join(', ') || 'nobody holds these roles yet' },
    ],
    link: changeLink(change.id),
    at: change.createdAt,
  };
}

/**
 * The notice to a service's owners that the gate denied one of its deployments, with every
 * failed check. Its key names the version and the failed checks, so a pipeline asking again
 * for the same reasons notifies once.
 */
export function buildGateDenialNotice(
  decision: GateDecision,
  context: { service: Service; production: boolean; actor: string },
): GovernanceNotice {
  const failed = decision.reasons.filter((reason) => !reason.ok);
  const checks = failed.map((reason) => reason.check).join(',');
  return {
    kind: 'gate-denial',
    key: `gate-denial:${decision.service}/${decision.environment}:${decision.version ?? decision.changeId ?? '-'}:${checks}`,
    title: `Deployment of ${decision.service}${decision.version ? ` ${decision.version}` : ''} to ${decision.environment} denied: ${failed.map((r) => r.check).join(', ')}`,
    service: decision.service,
    environment: decision.environment,
    ownerTeam: context.service.ownerTeam,
    roles: [],
    approvers: [],
    facts: [
      { title: 'Asked by', value: context.actor },
      { title: 'Change', value: decision.changeId ?? 'no change request' },
      ...costFacts(decision),
      { title: 'Risk', value: describeRisk(context.service, context.production) },
      ...failed.map((reason) => ({ title: `Failed: ${reason.check}`, value: reason.detail })),
    ],
    link: changeLink(decision.changeId),
    at: decision.at,
  };
}
