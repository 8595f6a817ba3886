import { isTollgateError } from '../../core/errors.js';
import type { ChangeRequest } from '../../core/governance/changes/change-request.js';
import { holdersOfRole } from '../../core/governance/governance-policy.js';
import { isApproverRole } from '../../core/governance/governance-types.js';
import { buildApprovalRequestNotice } from '../../core/notices/governance-notice.js';
import type { QueuedNotice } from '../../ports/notice-store.js';
import type { Stores } from '../../ports/stores.js';
import { decideGateRequest } from '../governance/gate/gate-deployment.js';
import { loadCatalog, requirePolicy } from '../governance/governance-context.js';
import { describeTarget, queueGovernanceNotice } from './queue-governance-notice.js';

/**
 * Tells the approvers that a new change waits on their role: the gate is asked (without
 * recording) what the change needs, and the roles still missing are notified with the cost,
 * the budget headroom, the risk and the change's link. Run in the transaction that records the
 * change, so a change is never requested without its notice being queued.
 */
export async function queueApprovalRequest(
  stores: Stores,
  change: ChangeRequest,
): Promise<QueuedNotice | undefined> {
  let outcome: Awaited<ReturnType<typeof decideGateRequest>>;
  try {
    outcome = await decideGateRequest(stores, {
      service: change.service,
      environment: change.environment,
      changeId: change.id,
      releaseId: change.releaseId,
      version: change.version,
      changeType: change.changeType,
      at: change.readyAt,
      actor: change.requestedBy,
    });
  } catch (error) {
    // A change the gate cannot judge yet (its release covers another service) is still recorded;
    // the gate will say why when it is asked, and no one is asked to approve it meanwhile.
    if (isTollgateError(error)) return undefined;
    throw error;
  }
  const { decision } = outcome;
  const target = describeTarget(await loadCatalog(stores), change.service, change.environment);
  if (!target) return undefined;
  const policy = (await requirePolicy(stores)).policy;
  const approvers = decision.requiredApprovals
    .flatMap((r) =>
      r.missing > 0 && isApproverRole(r.role) ? holdersOfRole(policy, r.role, change.service) : [],
    )
    .filter((person) => person !== change.requestedBy);
  const notice = buildApprovalRequestNotice(change, decision, {
    ...target,
    approvers: [...new Set(approvers)].sort(),
  });
  return notice ? queueGovernanceNotice(stores, notice) : undefined;
}
