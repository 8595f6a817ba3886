import type { GateDecision } from '../../core/governance/gate/decide-deployment.js';
import { buildGateDenialNotice, type GovernanceNotice } from '../../core/notices/governance-notice.js';
import type { QueuedNotice } from '../../ports/notice-store.js';
import type { Stores } from '../../ports/stores.js';
import { loadCatalog } from '../governance/governance-context.js';
import { describeTarget, queueGovernanceNotice } from './queue-governance-notice.js';

/** Tells the service's owners that the gate denied a deployment (an allow notifies no one). */
export async function queueGateDenial(
  stores: Stores,
  decision: GateDecision,
  actor: string,
): Promise<QueuedNotice | undefined> {
  const notice = await describeGateDenial(stores, decision, actor);
  return notice ? queueGovernanceNotice(stores, notice) : undefined;
}

/** The notice a denial sends (none for an allow, or a service the catalogue does not know). */
export async function describeGateDenial(
  stores: Stores,
  decision: GateDecision,
  actor: string,
): Promise<GovernanceNotice | undefined> {
  if (decision.decision !== 'deny') return undefined;
  const target = describeTarget(await loadCatalog(stores), decision.service, decision.environment);
  return target ? buildGateDenialNotice(decision, { ...target, actor }) : undefined;
}
