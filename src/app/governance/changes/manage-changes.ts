import { TollgateError } from '../../../core/errors.js';
import { validateApproval } from '../../../core/governance/changes/approval-rules.js';
import type {
  ApprovalKind,
  ApprovalRecord,
  ChangeRequest,
  OutOfCycleJustification,
} from '../../../core/governance/changes/change-request.js';
import {
  findService,
  findServiceEnvironment,
} from '../../../core/governance/deployments/deployment-record.js';
import type { ChangeType } from '../../../core/governance/governance-types.js';
import { isIsoTimestamp, normaliseTimestamp } from '../../../core/governance/governance-types.js';
import { Decimal, isDecimalText } from '../../../core/money.js';
import type { Stores } from '../../../ports/stores.js';
import { loadCatalog, nowOr, requirePolicy } from '../governance-context.js';
import { requireRelease } from '../releases/manage-releases.js';

export interface ChangeInput {
  service: string;
  environment: string;
  changeType: ChangeType;
  releaseId?: string | undefined;
  version?: string | undefined;
  requestedBy: string;
  estimatedCost: string;
  readyAt?: string | undefined;
  justification?: OutOfCycleJustification | undefined;
}

function requireAmount(value: string, what: string): void {
  if (!isDecimalText(value) || new Decimal(value).isNegative()) {
    throw new TollgateError(
      'CHANGE_BAD_AMOUNT',
      `${what} '${value}' must be a non-negative amount such as 1200.`,
      'usage',
    );
  }
}

export async function requestChange(stores: Stores, input: ChangeInput, at?: string): Promise<ChangeRequest> {
  const catalog = await loadCatalog(stores);
  const service = findService(catalog, input.service);
  findServiceEnvironment(catalog, service, input.environment);
  requireAmount(input.estimatedCost, 'Estimated cost');
  if (input.justification) {
    requireAmount(input.justification.expediteCost, 'Expedite cost');
    requireAmount(input.justification.costOfDelayPerWeek, 'Cost of delay per week');
  }
  if (input.readyAt !== undefined && !isIsoTimestamp(input.readyAt)) {
    throw new TollgateError(
      'CHANGE_BAD_TIME',
      `Ready time '${input.readyAt}' is not an ISO-8601 time.`,
      'usage',
    );
  }
  if (input.releaseId !== undefined) {
    const release = await requireRelease(stores, input.releaseId);
    if (release.status === 'closed') {
      throw new TollgateError(
        'RELEASE_CLOSED',
        `Release ${release.id} is closed; raise the change against an open release.`,
        'conflict',
      );
    }
  }
  await requirePolicy(stores);
  const createdAt = nowOr(at);
  return stores.transaction(async () => {
    const change: ChangeRequest = {
      ...input,
      id: await stores.governance.changes.nextChangeId(),
      status: 'open',
      createdAt,
      readyAt: input.readyAt === undefined ? createdAt : normaliseTimestamp(input.readyAt),
    };
    await stores.governance.changes.insertChange(change);
    await stores.governance.decisions.appendDecision({
      kind: 'change.request',
      subject: `change:${change.id}`,
      actor: input.requestedBy,
      decision: 'requested',
      inputs: input,
      result: change,
    });
    return change;
  });
}

export async function requireChange(stores: Stores, id: string): Promise<ChangeRequest> {
  const change = await stores.governance.changes.getChange(id);
  if (!change)
    throw new TollgateError(
      'CHANGE_NOT_FOUND',
      `There is no change '${id}'; the change requests list shows their ids.`,
      'not-found',
    );
  return change;
}

export interface DecisionInput {
  changeId: string;
  approver: string;
  role: string;
  kind: ApprovalKind;
  decision: 'approve' | 'reject';
  comment?: string | undefined;
}

/**
 * Records an approval, a rejection or a financial sign-off, after the checks of
 * validateApproval (role held, not the requester, not twice, change and release open).
 * A rejection closes the change as rejected. All in one transaction, with the decision log.
 */
export async function decideChange(stores: Stores, input: DecisionInput, at?: string) {
  const change = await requireChange(stores, input.changeId);
  const policy = await requirePolicy(stores);
  const release = change.releaseId
    ? await stores.governance.releases.getRelease(change.releaseId)
    : undefined;
  return stores.transaction(async () => {
    const existing = await stores.governance.changes.listApprovals(change.id);
    validateApproval(input, change, existing, policy.policy, release?.status);
    const record: ApprovalRecord = { ...input, at: nowOr(at) };
    await stores.governance.changes.insertApproval(record);
    if (input.decision === 'reject')
      await stores.governance.changes.setChangeStatus(change.id, 'rejected', record.at);
    await stores.governance.decisions.appendDecision({
      kind: input.kind === 'sign-off' ? 'change.sign-off' : `change.${input.decision}`,
      subject: `change:${change.id}`,
      actor: input.approver,
      decision: input.decision,
      inputs: { change, existing, policyVersion: policy.version },
      result: record,
    });
    return record;
  });
}

export async function showChange(stores: Stores, id: string) {
  const change = await requireChange(stores, id);
  return { change, approvals: await stores.governance.changes.listApprovals(id) };
}

export async function listChanges(
  stores: Stores,
  filter: { service?: string | undefined; status?: ChangeRequest['status'] | undefined },
) {
  return stores.governance.changes.listChanges(filter);
}
