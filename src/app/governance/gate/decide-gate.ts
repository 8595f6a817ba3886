import type { GateDecision } from '../../../core/governance/gate/decide-deployment.js';
import type { QueuedNotice } from '../../../ports/notice-store.js';
import type { Stores } from '../../../ports/stores.js';
import type { Actor } from '../../audit/record-audit.js';
import { describeGateDenial } from '../../notices/queue-gate-denial.js';
import type { GateRecordBatcher } from './batch-gate-records.js';
import { decideGateRequest, type GateFieldLabels, type GateRequest } from './gate-deployment.js';

/**
 * Asks the gate as the caller, then appends the decision and who asked (user, token, address)
 * to the decision log and the audit log. The facts are read outside any transaction (from
 * memory when the stores cache them); the records of decisions asked at the same time are
 * written together by `records`, and the answer waits until its own records are committed. A
 * denial's notice to the service's owners is queued in that commit; the caller sends it.
 */
export async function decideGate(
  stores: Stores,
  records: GateRecordBatcher,
  request: Omit<GateRequest, 'actor'>,
  actor: Actor,
  labels: GateFieldLabels = {},
): Promise<{ decision: GateDecision; denialNotice: QueuedNotice | undefined }> {
  const { decision, record } = await decideGateRequest(stores, { ...request, actor: actor.name }, labels);
  const denialNotice = await records.append({
    decision: record,
    audit: {
      actor,
      change: {
        action: 'gate.decide',
        target: `deployment:${decision.service}/${decision.environment}`,
        after: { decision: decision.decision, version: decision.version, changeId: decision.changeId },
      },
    },
    denial: await describeGateDenial(stores, decision, actor.name),
  });
  return { decision, denialNotice };
}
