import type { Stores } from '../../../ports/stores.js';
import { type ActingIdentity, personOf } from '../../access/acting-identity.js';
import { requireServicesOwned } from '../../access/require-services-owned.js';
import type { AlertDeliverySettings } from '../../alerting/open-notifier.js';
import { recordAudit } from '../../audit/record-audit.js';
import { deliverQueuedNotice } from '../../notices/notify-governance.js';
import { queueApprovalRequest } from '../../notices/queue-approval-request.js';
import {
  type ChangeInput,
  type DecisionInput,
  decideChange,
  requestChange,
  requireChange,
} from '../changes/manage-changes.js';

/**
 * Raises a change request as the acting person (scoped tokens only for their teams' services),
 * with its audit entry and the approvers' notice queued in the same transaction, the notice
 * sent once the change is committed: CLI, API and jobs alike.
 */
export async function submitChange(
  stores: Stores,
  identity: ActingIdentity,
  input: Omit<ChangeInput, 'requestedBy'>,
  delivery: AlertDeliverySettings,
  at?: string,
) {
  if (identity.principal) await requireServicesOwned(stores, identity.principal, [input.service]);
  const { change, notice } = await stores.transaction(async () => {
    const change = await requestChange(stores, { ...input, requestedBy: personOf(identity) }, at);
    await recordAudit(stores, identity.actor, {
      action: 'changes.request',
      target: `change:${change.id}`,
      after: change,
    });
    return { change, notice: await queueApprovalRequest(stores, change) };
  });
  await deliverQueuedNotice(stores, delivery, notice);
  return change;
}

/**
 * Approves, rejects or signs off a change as the acting person: the approver is who acts (the
 * token's user or the OS login), never a name typed on the command line; scoped tokens decide
 * only for their teams' services. One audit entry in the decision's transaction.
 */
export async function decideChangeAsActor(
  stores: Stores,
  identity: ActingIdentity,
  input: Omit<DecisionInput, 'approver'>,
  at?: string,
) {
  const change = await requireChange(stores, input.changeId);
  if (identity.principal) await requireServicesOwned(stores, identity.principal, [change.service]);
  return stores.transaction(async () => {
    const record = await decideChange(stores, { ...input, approver: personOf(identity) }, at);
    await recordAudit(stores, identity.actor, {
      action: `changes.${input.decision}`,
      target: `change:${input.changeId}`,
      before: { status: change.status },
      after: record,
    });
    return record;
  });
}
