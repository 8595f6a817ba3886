import { requireApprovals } from '../../core/governance/changes/approval-rules.js';
import type { ChangeRequest } from '../../core/governance/changes/change-request.js';
import { holdersOfRole } from '../../core/governance/governance-policy.js';
import { DEMO_APPROVER } from '../../demo/governance/demo-governance-config.js';
import type { Stores } from '../../ports/stores.js';
import { decideChange, requestChange } from '../governance/changes/manage-changes.js';
import { loadCatalog } from '../governance/governance-context.js';

/** Who raises the demo's waiting changes (never an approver of them: separation of duties). */
export const DEMO_REQUESTER = 'release-manager';

/** What each waiting change is estimated to cost: small enough for no finance or budget approvals. */
const ESTIMATES = ['1200', '900'];

/**
 * Gives the demo changes genuinely waiting for the demo approver, through the use cases a team
 * runs, once (a re-run finds them): in the open release planned last, 1. a normal production
 * change of its first service with every approval it needs but one CAB approval (the demo
 * approver's, after which the gate allows it), and 2. one of its next service (the same one in a
 * release of one service) with no decision yet (to approve or reject). Only a demo whose policy names the demo approver as CAB gets
 * them (a database made by an older demo has none to give). Answers the waiting changes' ids.
 */
export async function seedWaitingChanges(stores: Stores, at: string): Promise<string[]> {
  const policy = await stores.governance.currentPolicy();
  if (!policy?.policy.roles.some((role) => role.person === DEMO_APPROVER && role.role === 'cab')) return [];
  const release = (await stores.governance.releases.listReleases())
    .filter((candidate) => candidate.status === 'open')
    .sort((a, b) => a.plannedDate.localeCompare(b.plannedDate) || a.id.localeCompare(b.id))
    .at(-1);
  if (!release) return [];
  const open = (await stores.governance.changes.listChanges({ status: 'open' })).filter(
    (change) => change.releaseId === release.id && change.requestedBy === DEMO_REQUESTER,
  );
  if (open.length > 0) return open.map((change) => change.id);

  const catalog = await loadCatalog(stores);
  // The release's services in turn (a release of one service gets two changes of it).
  const services = ESTIMATES.map((_, index) => release.services[index % release.services.length]!);
  const changes: ChangeRequest[] = [];
  for (const [index, service] of services.entries())
    changes.push(
      await requestChange(
        stores,
        {
          service,
          environment: 'prod',
          changeType: 'normal',
          releaseId: release.id,
          version: `${service}@${at.slice(0, 4)}.${index + 1}`,
          requestedBy: DEMO_REQUESTER,
          estimatedCost: ESTIMATES[index]!,
        },
        at,
      ),
    );
  const [ready] = changes;
  if (ready) {
    const criticality = catalog.services.find((service) => service.id === ready.service)?.criticality;
    const needs = requireApprovals(policy.policy.changeModels.normal, {
      estimatedCost: ready.estimatedCost,
      overrunAmount: null,
      overrunPercent: null,
      spendClass: release.spendClass,
      criticality: criticality ?? 'medium',
      production: true,
    });
    const decide = (approver: string, role: string, kind: 'approval' | 'sign-off') =>
      decideChange(stores, { changeId: ready.id, approver, role, kind, decision: 'approve' }, at);
    for (const requirement of needs.requirements) {
      const holders = holdersOfRole(policy.policy, requirement.role, ready.service).filter(
        (person) => person !== DEMO_APPROVER && person !== DEMO_REQUESTER,
      );
      const count = requirement.role === 'cab' ? requirement.quorum - 1 : requirement.quorum;
      for (const person of holders.slice(0, count)) await decide(person, requirement.role, 'approval');
    }
    // Financial sign-off for production is the service owner's.
    const owner = holdersOfRole(policy.policy, 'service-owner', ready.service)[0];
    if (owner) await decide(owner, 'service-owner', 'sign-off');
  }
  return changes.map((change) => change.id);
}
