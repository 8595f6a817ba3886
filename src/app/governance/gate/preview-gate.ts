import type { GateDecision } from '../../../core/governance/gate/decide-deployment.js';
import type { Stores } from '../../../ports/stores.js';
import type { Actor } from '../../audit/record-audit.js';
import { decideGateRequest, type GateFieldLabels, type GateRequest } from './gate-deployment.js';

/**
 * What the gate would answer, for display only (a change's page): the same facts and the same
 * decision as `decideGate`, but nothing is appended to the decision log or the audit log, since
 * reading a page changes nothing. A deployment must still ask the recorded gate.
 */
export async function previewGate(
  stores: Stores,
  request: Omit<GateRequest, 'actor'>,
  actor: Actor,
  labels: GateFieldLabels = {},
): Promise<GateDecision> {
  const { decision } = await decideGateRequest(stores, { ...request, actor: actor.name }, labels);
  return decision;
}
