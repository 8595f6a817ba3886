import type { Environment, Service } from '../../catalog/catalog-model.js';
import { Decimal } from '../../money.js';
import { evaluateApprovals, requireApprovals } from '../changes/approval-rules.js';
import type { ApprovalRecord, ChangeRequest } from '../changes/change-request.js';
import { type GovernancePolicy, holdersOfRole } from '../governance-policy.js';
import type { ChangeType, SpendClass } from '../governance-types.js';
import type { ReleaseStatus } from '../releases/release-model.js';
import type { ChangeRisk } from '../risk/change-risk.js';
import {
  activeBreakGlass,
  activeFreezes,
  type BreakGlass,
  checkWindow,
  describeMoment,
  type Freeze,
} from './deployment-calendar.js';
import { assessOutOfCycle } from './out-of-cycle.js';

/** The release budget as the gate sees it: what was budgeted and what has been spent so far. */
export interface GateRelease {
  id: string;
  status: ReleaseStatus;
  currency: string;
  budget?: string | undefined;
  spent: string;
  /** The moment `spent` was measured at (the decision's time); absent when not stated. */
  spentAsOf?: string | undefined;
  spendClass: SpendClass;
}

export interface GateInput {
  at: string;
  service: Service;
  environment: Environment;
  changeType: ChangeType;
  version?: string | undefined;
  /** The cost of this change; defaults to the change request's estimate, then 0. */
  estimatedCost?: string | undefined;
  policy: GovernancePolicy;
  release?: GateRelease | undefined;
  change?: ChangeRequest | undefined;
  approvals: ApprovalRecord[];
  freezes: Freeze[];
  breakGlass: BreakGlass[];
  /** The change's money-aware risk; given when the change model has a risk pre-approval rule. */
  risk?: ChangeRisk | undefined;
}

export type GateCheck =
  | 'change-model'
  | 'release'
  | 'change-request'
  | 'budget'
  | 'approvals'
  | 'sign-off'
  | 'window'
  | 'freeze'
  | 'post-implementation-review'
  | 'risk';

export interface GateReason {
  check: GateCheck;
  ok: boolean;
  detail: string;
}

export interface GateDecision {
  decision: 'allow' | 'deny';
  reasons: GateReason[];
  service: string;
  environment: string;
  changeType: ChangeType;
  version: string | null;
  releaseId: string | null;
  changeId: string | null;
  at: string;
  policyVersion: string;
  budget: {
    currency: string;
    amount: string | null;
    spent: string;
    /** The moment the release's spend was measured at, or null (no release, or not stated). */
    spentAsOf: string | null;
    estimate: string;
    headroom: string | null;
  };
  requiredApprovals: {
    role: string;
    quorum: number;
    eligible: number;
    approvedBy: string[];
    missing: number;
  }[];
}

const money = (value: Decimal | string) => new Decimal(value).toFixed(2);

/**
 * The deployment gate: one pure decision from the policy and the facts, every check reported.
 * 1. change model of the change type (standard: within its cost limit to stay pre-approved);
 * 2. release and change request still open;
 * 3. budget headroom = budget - spent - estimate (no budget: the model's whenNoBudget decides;
 *    an overrun passes only where a threshold covers it with approvals);
 * 4. approvals: the model's and its matching thresholds', N of M per role, requester excluded;
 * 5. financial sign-off by the service owner where the model asks for it;
 * 6. deployment window (outside: break-glass, or a justified out-of-cycle change);
 * 7. freezes (only break-glass passes a freeze);
 * 8. risk: where the change model has a risk pre-approval rule, a low-risk change within every
 *    threshold goes without the model's approvals (a rejection still stops it); the risk's
 *    inputs are cited in the reasons either way.
 * The decision is allow when every check is ok.
 */
export function decideDeployment(input: GateInput): GateDecision {
  const { policy, service, environment, release, change } = input;
  const model = policy.changeModels[input.changeType];
  const at = new Date(input.at);
  const reasons: GateReason[] = [];
  const estimate = new Decimal(input.estimatedCost ?? change?.estimatedCost ?? '0');
  const currency = release?.currency ?? policy.currency;

  if (
    model.preApproved &&
    model.maxEstimatedCost !== undefined &&
    estimate.greaterThan(model.maxEstimatedCost)
  ) {
    reasons.push({
      check: 'change-model',
      ok: false,
      detail: `${input.changeType} changes are pre-approved up to ${money(model.maxEstimatedCost)} ${currency}; this one is estimated at ${money(estimate)} ${currency}. Request it as a normal change.`,
    });
  } else {
    reasons.push({
      check: 'change-model',
      ok: true,
      detail: `${input.changeType} change model (policy ${policy.version})${model.preApproved ? ', pre-approved within budget' : ''}.`,
    });
  }

  if (release) {
    reasons.push(
      release.status === 'closed'
        ? {
            check: 'release',
            ok: false,
            detail: `Release ${release.id} is closed; open a new release for this deployment.`,
          }
        : { check: 'release', ok: true, detail: `Release ${release.id} is open.` },
    );
  }
  if (change) {
    reasons.push(
      change.status === 'open'
        ? {
            check: 'change-request',
            ok: true,
            detail: `Change ${change.id} requested by ${change.requestedBy}.`,
          }
        : {
            check: 'change-request',
            ok: false,
            detail: `Change ${change.id} is ${change.status}; request a new change.`,
          },
    );
  }

  // Budget and the facts the thresholds read.
  const spent = new Decimal(release?.spent ?? '0');
  let overrunAmount: Decimal | null = null;
  let overrunPercent: Decimal | null = null;
  let headroom: Decimal | null = null;
  if (release?.budget !== undefined) {
    const budget = new Decimal(release.budget);
    headroom = budget.minus(spent).minus(estimate);
    overrunAmount = Decimal.max(0, headroom.negated());
    overrunPercent = budget.isZero()
      ? new Decimal(overrunAmount.isZero() ? 0 : 100)
      : overrunAmount.dividedBy(budget).times(100);
  }
  const required = requireApprovals(model, {
    estimatedCost: estimate.toString(),
    overrunAmount: overrunAmount?.toString() ?? null,
    overrunPercent: overrunPercent?.toString() ?? null,
    spendClass: release?.spendClass,
    criticality: service.criticality,
    production: environment.production,
  });
  if (release?.budget === undefined) {
    const where = release ? `release ${release.id}` : `this deployment (no release given)`;
    reasons.push({
      check: 'budget',
      ok: model.whenNoBudget === 'allow',
      detail: `No budget is configured for ${where}; the ${input.changeType} change model says ${model.whenNoBudget} when there is no budget.`,
    });
  } else {
    const asOf = release.spentAsOf === undefined ? '' : ` (spent as of ${release.spentAsOf})`;
    const figures = `budget ${money(release.budget)} ${currency}, spent ${money(spent)}, this change ${money(estimate)}, headroom ${money(headroom!)}${asOf}`;
    if (headroom!.greaterThanOrEqualTo(0)) {
      reasons.push({ check: 'budget', ok: true, detail: `Within budget: ${figures}.` });
    } else if (required.overrunCovered && !model.preApproved) {
      reasons.push({
        check: 'budget',
        ok: true,
        detail: `Over budget by ${money(overrunAmount!)} (${overrunPercent!.toFixed(1)}%): ${figures}; the change model lets it go with the overrun approvals (see approvals).`,
      });
    } else {
      reasons.push({
        check: 'budget',
        ok: false,
        detail: `Over budget by ${money(overrunAmount!)} (${overrunPercent!.toFixed(1)}%): ${figures}. ${model.preApproved ? 'Standard changes are pre-approved only within budget; request a normal change' : 'Raise the budget or reduce the change'}.`,
      });
    }
  }

  const riskWaiver = waiveByRisk(
    model.riskPreApproval !== undefined,
    input.risk,
    required.appliedThresholds,
    change,
  );
  if (riskWaiver) reasons.push(riskWaiver.reason);
  const evaluation = evaluateApprovals(
    riskWaiver?.waived ? [] : required.requirements,
    input.approvals,
    change ?? { requestedBy: '', service: service.id },
    policy,
  );
  if (riskWaiver?.waived) {
    reasons.push(
      evaluation.rejectedBy.length > 0
        ? { check: 'approvals', ok: false, detail: `Rejected by ${evaluation.rejectedBy.join(', ')}.` }
        : {
            check: 'approvals',
            ok: true,
            detail: `No approvals needed: pre-approved as low risk by the ${input.changeType} change model (see risk).`,
          },
    );
  } else if (required.requirements.length === 0) {
    reasons.push({
      check: 'approvals',
      ok: true,
      detail: 'No approvals needed: pre-approved by the change model.',
    });
  } else if (!change) {
    reasons.push({
      check: 'approvals',
      ok: false,
      detail: `Needs ${describeRequirements(evaluation.requirements)}, but there is no change request; raise one first.`,
    });
  } else if (evaluation.rejectedBy.length > 0) {
    reasons.push({
      check: 'approvals',
      ok: false,
      detail: `Rejected by ${evaluation.rejectedBy.join(', ')}.`,
    });
  } else {
    const parts = evaluation.requirements.map(
      (status) =>
        `${status.role} ${status.approvedBy.length}/${status.quorum} of ${status.eligible}` +
        (status.approvedBy.length ? ` (${status.approvedBy.join(', ')})` : '') +
        (status.missing ? `, missing ${status.missing}` : '') +
        (status.eligible < status.quorum
          ? ' [cannot be met: too few holders of the role besides the requester]'
          : ''),
    );
    reasons.push({
      check: 'approvals',
      ok: evaluation.satisfied,
      detail: `${evaluation.satisfied ? 'Approved' : 'Approvals missing'}: ${parts.join('; ')}${required.appliedThresholds.length ? ` (thresholds: ${required.appliedThresholds.join(', ')})` : ''}.`,
    });
  }

  const signOffNeeded =
    model.financialSignOff === 'always' ||
    (model.financialSignOff === 'production' && environment.production);
  if (signOffNeeded) {
    const owners = holdersOfRole(policy, 'service-owner', service.id);
    const signOff = input.approvals.find(
      (approval) =>
        approval.kind === 'sign-off' &&
        approval.decision === 'approve' &&
        owners.includes(approval.approver) &&
        approval.approver !== change?.requestedBy,
    );
    reasons.push(
      signOff
        ? {
            check: 'sign-off',
            ok: true,
            detail: `Financial sign-off by ${signOff.approver} (service owner) at ${signOff.at}.`,
          }
        : {
            check: 'sign-off',
            ok: false,
            detail: `Financial sign-off by the service owner (${owners.join(', ') || 'no one holds the role'}) is required before ${environment.id}; none recorded.`,
          },
    );
  }

  const breakGlass = activeBreakGlass(input.breakGlass, environment.id, service.id, at);
  const glassDetail = breakGlass
    ? `break-glass by ${breakGlass.by} until ${breakGlass.until}: ${breakGlass.reason}`
    : '';
  const window = checkWindow(policy.windows, environment.id, at, policy.timeZone);
  // Windows are local: every window reason names the moment on the windows' clock.
  const localNow = describeMoment(at, window.timeZone);
  const nextOpening = window.nextOpening
    ? `${window.nextOpening} (${describeMoment(new Date(window.nextOpening), window.timeZone)})`
    : 'none in 62 days';
  if (window.open) {
    reasons.push({
      check: 'window',
      ok: true,
      detail: window.unrestricted
        ? `${environment.id} has no deployment windows.`
        : `Inside a deployment window of ${environment.id} at ${localNow}.`,
    });
  } else if (breakGlass) {
    reasons.push({
      check: 'window',
      ok: true,
      detail: `Outside the deployment windows at ${localNow}; passed by ${glassDetail}.`,
    });
  } else if (model.outOfCycle === 'with-justification' && change?.justification) {
    const assessment = assessOutOfCycle(change.justification, at, window.nextOpening);
    reasons.push({
      check: 'window',
      ok: assessment.justified,
      detail:
        `Out of cycle at ${localNow} (next window ${nextOpening}): waiting ${assessment.waitHours} h costs ${money(assessment.costOfDelay)} ${currency} of delay, ` +
        `expediting costs ${money(assessment.expediteCost)}; net ${money(assessment.netBenefit)} — ${assessment.justified ? 'justified' : 'not justified'} (${change.justification.reason}).`,
    });
  } else {
    reasons.push({
      check: 'window',
      ok: false,
      detail: `Outside the deployment windows of ${environment.id} at ${localNow}; next opening ${nextOpening}.${model.outOfCycle === 'with-justification' ? ' Add an out-of-cycle justification to the change request, or use break-glass.' : ''}`,
    });
  }

  const frozen = activeFreezes(input.freezes, environment.id, at);
  if (frozen.length === 0) {
    reasons.push({ check: 'freeze', ok: true, detail: `No freeze on ${environment.id}.` });
  } else {
    // A recurring freeze is local to its zone: name the moment on that clock.
    const names = frozen
      .map(
        (freeze) =>
          `${freeze.id} (${freeze.reason}) ${freeze.cron !== undefined ? `at ${describeMoment(at, freeze.timeZone ?? 'UTC')}` : `from ${freeze.from} to ${freeze.until}`}`,
      )
      .join(', ');
    reasons.push(
      breakGlass
        ? { check: 'freeze', ok: true, detail: `Frozen by ${names}; passed by ${glassDetail}.` }
        : {
            check: 'freeze',
            ok: false,
            detail: `Frozen by ${names}; only a break-glass passes a freeze.`,
          },
    );
  }
  if (required.postImplementationReview) {
    reasons.push({
      check: 'post-implementation-review',
      ok: true,
      detail: 'A post-implementation review is required after this deployment.',
    });
  }

  return {
    decision: reasons.every((reason) => reason.ok) ? 'allow' : 'deny',
    reasons,
    service: service.id,
    environment: environment.id,
    changeType: input.changeType,
    version: input.version ?? change?.version ?? null,
    releaseId: release?.id ?? null,
    changeId: change?.id ?? null,
    at: at.toISOString(),
    policyVersion: policy.version,
    budget: {
      currency,
      amount: release?.budget ?? null,
      spent: spent.toString(),
      spentAsOf: release?.spentAsOf ?? null,
      estimate: estimate.toString(),
      headroom: headroom?.toString() ?? null,
    },
    requiredApprovals: evaluation.requirements,
  };
}

function describeRequirements(statuses: { role: string; quorum: number; eligible: number }[]): string {
  return statuses.map((status) => `${status.quorum} of ${status.eligible} ${status.role}`).join(', ');
}

/**
 * The risk reason, and whether it stands in for the model's approvals: only with a change
 * request, an eligible risk and no threshold applied (thresholds are the organisation's own
 * money rules; a low failure probability does not answer them).
 */
function waiveByRisk(
  hasRule: boolean,
  risk: ChangeRisk | undefined,
  appliedThresholds: string[],
  change: ChangeRequest | undefined,
): { waived: boolean; reason: GateReason } | undefined {
  if (!hasRule) return undefined;
  if (!risk) {
    return {
      waived: false,
      reason: { check: 'risk', ok: true, detail: 'Risk not assessed: approvals as the change model asks.' },
    };
  }
  const judged = risk.preApproval;
  let verdict: string;
  let waived = false;
  if (!judged?.eligible)
    verdict = `Not low risk: ${judged?.reasons.join('; ') ?? 'no rule'}; approvals as the change model asks.`;
  else if (!change) verdict = 'Low risk, but there is no change request to pre-approve; raise one first.';
  else if (appliedThresholds.length > 0)
    verdict = `Low risk, but thresholds apply (${appliedThresholds.join(', ')}); their approvals are still needed.`;
  else {
    waived = true;
    verdict = 'Low risk: pre-approved by the policy.';
  }
  return {
    waived,
    reason: { check: 'risk', ok: true, detail: `${verdict} Risk (${risk.version}): ${risk.summary}` },
  };
}
