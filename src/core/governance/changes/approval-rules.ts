import type { Service } from '../../catalog/catalog-model.js';
import { TollgateError } from '../../errors.js';
import { Decimal } from '../../money.js';
import {
  type ApprovalRequirement,
  type ChangeModel,
  type GovernancePolicy,
  holdersOfRole,
} from '../governance-policy.js';
import { type ApproverRole, isApproverRole, type SpendClass } from '../governance-types.js';
import type { ReleaseStatus } from '../releases/release-model.js';
import type { ApprovalRecord, ChangeRequest } from './change-request.js';

/** What the thresholds of a change model look at. */
export interface ThresholdFacts {
  estimatedCost: string;
  /** How far the release would go over budget with this change; 0 when within; null without a budget. */
  overrunAmount: string | null;
  overrunPercent: string | null;
  spendClass?: SpendClass | undefined;
  criticality: Service['criticality'];
  production: boolean;
}

export interface RequiredApprovals {
  requirements: ApprovalRequirement[];
  postImplementationReview: boolean;
  /** True when a matching threshold names a budget overrun: its approvals stand in for headroom. */
  overrunCovered: boolean;
  appliedThresholds: string[];
}

function above(value: string | null, limit: string | undefined): boolean {
  if (limit === undefined) return true;
  return value !== null && new Decimal(value).greaterThan(limit);
}

/**
 * The approvals a change needs: the model's own approvals plus those of every threshold whose
 * conditions all hold; where two name the same role the larger quorum wins.
 */
export function requireApprovals(model: ChangeModel, facts: ThresholdFacts): RequiredApprovals {
  const quorum = new Map<ApproverRole, number>();
  const add = (requirement: ApprovalRequirement) =>
    quorum.set(requirement.role, Math.max(quorum.get(requirement.role) ?? 0, requirement.quorum));
  for (const requirement of model.approvals) add(requirement);
  let postImplementationReview = false;
  let overrunCovered = false;
  const appliedThresholds: string[] = [];
  for (const [index, threshold] of model.thresholds.entries()) {
    const when = threshold.when;
    const applies =
      above(facts.estimatedCost, when.estimatedCostAbove) &&
      above(facts.overrunAmount, when.overrunAmountAbove) &&
      above(facts.overrunPercent, when.overrunPercentAbove) &&
      (when.spendClass === undefined || when.spendClass === facts.spendClass) &&
      (when.criticality === undefined || when.criticality.includes(facts.criticality)) &&
      (when.production === undefined || when.production === facts.production);
    if (!applies) continue;
    appliedThresholds.push(threshold.description ?? `threshold ${index + 1}`);
    for (const requirement of threshold.require) add(requirement);
    if (threshold.postImplementationReview) postImplementationReview = true;
    if (when.overrunAmountAbove !== undefined || when.overrunPercentAbove !== undefined)
      overrunCovered = true;
  }
  return {
    requirements: [...quorum.entries()].map(([role, count]) => ({ role, quorum: count })),
    postImplementationReview,
    overrunCovered,
    appliedThresholds,
  };
}

export interface RequirementStatus {
  role: ApproverRole;
  quorum: number;
  /** M: the people who may approve in this role (holders of the role, less the requester). */
  eligible: number;
  approvedBy: string[];
  missing: number;
}

export interface ApprovalEvaluation {
  satisfied: boolean;
  rejectedBy: string[];
  requirements: RequirementStatus[];
}

/**
 * N-of-M quorum per role under separation of duties: the requester never counts, each person
 * has at most one approval per change (enforced when recorded), so no one fills two roles.
 */
export function evaluateApprovals(
  requirements: ApprovalRequirement[],
  approvals: ApprovalRecord[],
  change: Pick<ChangeRequest, 'requestedBy' | 'service'>,
  policy: GovernancePolicy,
): ApprovalEvaluation {
  const counted = approvals.filter(
    (approval) => approval.kind === 'approval' && approval.approver !== change.requestedBy,
  );
  const statuses = requirements.map((requirement) => {
    const holders = holdersOfRole(policy, requirement.role, change.service).filter(
      (person) => person !== change.requestedBy,
    );
    const approvedBy = counted
      .filter(
        (approval) =>
          approval.decision === 'approve' &&
          approval.role === requirement.role &&
          holders.includes(approval.approver),
      )
      .map((approval) => approval.approver)
      .sort();
    return {
      role: requirement.role,
      quorum: requirement.quorum,
      eligible: holders.length,
      approvedBy,
      missing: Math.max(0, requirement.quorum - approvedBy.length),
    };
  });
  const rejectedBy = counted
    .filter((approval) => approval.decision === 'reject')
    .map((approval) => approval.approver);
  return {
    satisfied: rejectedBy.length === 0 && statuses.every((status) => status.missing === 0),
    rejectedBy,
    requirements: statuses,
  };
}

/**
 * Checks one approval before it is recorded: the change and its release still open, the
 * approver holds the role for the service, is not the requester, and has not already decided.
 */
export function validateApproval(
  approval: Pick<ApprovalRecord, 'approver' | 'role' | 'kind'>,
  change: ChangeRequest,
  existing: ApprovalRecord[],
  policy: GovernancePolicy,
  releaseStatus?: ReleaseStatus,
): void {
  if (change.status !== 'open') {
    throw new TollgateError(
      'CHANGE_NOT_OPEN',
      `Change ${change.id} is ${change.status}; only open changes take approvals. Request a new change.`,
      'conflict',
    );
  }
  if (releaseStatus === 'closed') {
    throw new TollgateError(
      'RELEASE_CLOSED',
      `Release ${change.releaseId} is closed; its changes take no more approvals. Open a new release for further work.`,
      'conflict',
    );
  }
  if (!isApproverRole(approval.role)) {
    throw new TollgateError(
      'APPROVAL_BAD_ROLE',
      `'${approval.role}' is not a role; use one of budget-owner, service-owner, finance, cab, executive.`,
      'usage',
    );
  }
  if (approval.kind === 'sign-off' && approval.role !== 'service-owner') {
    throw new TollgateError(
      'APPROVAL_BAD_ROLE',
      'Financial sign-off is given by the service owner; sign off as the role service-owner.',
      'usage',
    );
  }
  if (approval.approver === change.requestedBy) {
    throw new TollgateError(
      'APPROVAL_BY_REQUESTER',
      `${approval.approver} requested change ${change.id} and cannot approve it (separation of duties); ask another ${approval.role}.`,
      'conflict',
    );
  }
  if (!holdersOfRole(policy, approval.role, change.service).includes(approval.approver)) {
    throw new TollgateError(
      'APPROVAL_ROLE_MISSING',
      `${approval.approver} does not hold the role ${approval.role} for service ${change.service}; ` +
        `holders: ${holdersOfRole(policy, approval.role, change.service).join(', ') || 'none'}.`,
      'conflict',
    );
  }
  if (existing.some((record) => record.approver === approval.approver && record.kind === approval.kind)) {
    throw new TollgateError(
      'APPROVAL_DUPLICATE',
      `${approval.approver} has already given ${approval.kind === 'sign-off' ? 'a sign-off' : 'a decision'} on change ${change.id}; ` +
        'one person decides once (separation of duties).',
      'conflict',
    );
  }
}
