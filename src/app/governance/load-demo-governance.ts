import { stringify } from 'yaml';
import { validateApproval } from '../../core/governance/changes/approval-rules.js';
import type { ApprovalRecord, ChangeRequest } from '../../core/governance/changes/change-request.js';
import { costDeployment } from '../../core/governance/deployments/deployment-cost-model.js';
import {
  findService,
  findServiceEnvironment,
  validateDeployment,
} from '../../core/governance/deployments/deployment-record.js';
import { validateIncident } from '../../core/governance/deployments/incident-record.js';
import { validateBreakGlass } from '../../core/governance/gate/deployment-calendar.js';
import { changeEfforts, deploymentCostModel } from '../../core/governance/governance-policy.js';
import type { DemoDeployment, DemoGovernance } from '../../demo/governance/generate-demo-governance.js';
import type { Stores } from '../../ports/stores.js';
import { applyPolicy, applyRateCard } from './apply-governance-config.js';
import { DemoGate } from './gate/ask-demo-gate.js';
import { withFixedGateSetUp } from './gate/fixed-config-stores.js';
import { addFreeze } from './gate/manage-freezes.js';
import { loadCatalog } from './governance-context.js';
import { closeRelease, createRelease, logReleaseTimes } from './releases/manage-releases.js';

/** Events per transaction: the gate reads this load's own changes, and DuckDB reads a transaction's own uncommitted rows slowly. */
const BATCH_EVENTS = 100;

export interface DemoGovernanceSummary {
  releases: number;
  changes: number;
  approvals: number;
  deployments: number;
  incidents: number;
  breakGlass: number;
  closedReleases: number;
  /** Gate decisions the demo's pipelines asked for, and how many were denials. */
  gateDecisions: number;
  gateDenials: number;
}

/**
 * Loads the demo organisation's governance year. The set-up (rate card, policy, releases,
 * freeze) goes through the use cases a user runs; the event stream (changes, approvals,
 * deployments, incidents, break-glass) is checked and priced by the same core functions with
 * the policy, rate card and catalogue read once, and written in one transaction, which keeps
 * a year of records to seconds. Each production deployment's pipeline asks the gate first,
 * through the API's gate use case (DemoGate: decision and audit logs, at the demo time), over
 * stores that read the set-up it applied once. The catalogue (DEMO_CATALOG) must already be
 * applied.
 */
export async function loadDemoGovernance(
  stores: Stores,
  demo: DemoGovernance,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoGovernanceSummary> {
  const actor = 'demo';
  const rateCard = await applyRateCard(
    stores,
    stringify({ rates: demo.rateCard.entries }),
    'demo-rates.yaml',
    actor,
  );
  const { policy } = await applyPolicy(stores, stringify(demo.policy), 'demo-governance.yaml', actor);
  const catalog = await loadCatalog(stores);
  const summary: DemoGovernanceSummary = {
    releases: 0,
    changes: 0,
    approvals: 0,
    deployments: 0,
    incidents: 0,
    breakGlass: 0,
    closedReleases: 0,
    gateDecisions: 0,
    gateDenials: 0,
  };
  for (const release of demo.releases) {
    const { createdAt, closeAt: _closeAt, ...document } = release;
    await createRelease(stores, document, `demo release ${release.id}`, 'release-manager', createdAt);
    summary.releases++;
  }
  // One call: the rate card and each release are read once for the year's bookings.
  await logReleaseTimes(
    stores,
    demo.timeEntries.map((entry) => ({ input: entry, actor: entry.person })),
  );
  await addFreeze(stores, { ...demo.freeze, createdBy: 'release-manager' }, '2025-11-01T09:00:00.000Z');
  const g = stores.governance;
  const costModel = deploymentCostModel(policy);
  const efforts = changeEfforts(policy);

  const record = async (deployment: DemoDeployment, changeRequestId?: string) => {
    const validated = validateDeployment(
      {
        ...deployment,
        source: 'cli',
        id: await g.deployments.nextDeploymentId(),
        deliveryKey: `demo:${deployment.service}:${deployment.environment}:${deployment.version}`,
        changeRequestId,
      },
      catalog,
    );
    const environment = findServiceEnvironment(
      catalog,
      findService(catalog, validated.service),
      validated.environment,
    );
    await g.deployments.insertDeployment(
      validated,
      costDeployment(validated, environment.production, costModel, efforts, rateCard.card),
    );
    if (changeRequestId !== undefined && validated.outcome === 'succeeded')
      await g.changes.setChangeStatus(changeRequestId, 'closed', validated.finishedAt);
    summary.deployments++;
  };

  const governed = (deployment: DemoDeployment) =>
    findServiceEnvironment(catalog, findService(catalog, deployment.service), deployment.environment)
      .production;

  const gateStores = await withFixedGateSetUp(stores);
  let done = 0;
  let batch: typeof demo.events = [];
  const flush = async () => {
    // A gate of its own per transaction: its records join this one and are written before it ends.
    const gate = new DemoGate(gateStores);
    await stores.transaction(async () => {
      for (const event of batch) {
        if (event.kind === 'change') {
          const change: ChangeRequest = {
            ...event.change,
            id: await g.changes.nextChangeId(),
            status: 'open',
            createdAt: event.at,
          };
          await g.changes.insertChange(change);
          await g.decisions.appendDecision({
            kind: 'change.request',
            subject: `change:${change.id}`,
            actor: change.requestedBy,
            decision: 'requested',
            at: event.at,
            inputs: event.change,
            result: change,
          });
          summary.changes++;
          const given: ApprovalRecord[] = [];
          const asksGate = governed(event.deployment);
          for (const [index, approval] of event.approvals.entries()) {
            if (asksGate && event.gate === 'ask-early' && index === event.approvals.length - 1)
              await gate.askBeforeApproval(event.deployment, change.id, approval);
            validateApproval(approval, change, given, policy);
            const decided: ApprovalRecord = { ...approval, changeId: change.id, decision: 'approve' };
            await g.changes.insertApproval(decided);
            await g.decisions.appendDecision({
              kind: approval.kind === 'sign-off' ? 'change.sign-off' : 'change.approve',
              subject: `change:${change.id}`,
              actor: approval.approver,
              decision: 'approve',
              at: approval.at,
              inputs: { changeId: change.id },
              result: decided,
            });
            given.push(decided);
            summary.approvals++;
          }
          if (asksGate) await gate.askBeforeStart(event.deployment, change.id);
          await record(event.deployment, change.id);
        } else if (event.kind === 'deployment') {
          await record(event.deployment);
        } else if (event.kind === 'incident') {
          await g.incidents.insertIncident(
            validateIncident(
              { ...event.incident, source: 'demo', deliveryKey: `demo:${event.incident.id}` },
              catalog,
            ),
          );
          summary.incidents++;
        } else if (event.kind === 'break-glass') {
          const glass = validateBreakGlass({
            ...event.breakGlass,
            id: await g.changes.nextBreakGlassId(),
            createdAt: event.at,
          });
          await g.changes.insertBreakGlass(glass);
          await g.decisions.appendDecision({
            kind: 'break-glass',
            subject: `environment:${glass.environment}`,
            actor: glass.by,
            decision: 'granted',
            at: event.at,
            inputs: event.breakGlass,
            result: glass,
          });
          summary.breakGlass++;
        }
      }
      await gate.settle();
    });
    summary.gateDecisions += gate.asked;
    summary.gateDenials += gate.denied;
    done += batch.length;
    batch = [];
    onProgress?.(done, demo.events.length);
  };
  for (const event of demo.events) {
    if (event.kind === 'close-release') {
      // Closing reads the release's actuals, so what came before it must be stored first.
      await flush();
      await closeRelease(stores, event.releaseId, 'release-manager', event.at);
      summary.closedReleases++;
      done++;
      continue;
    }
    batch.push(event);
    if (batch.length >= BATCH_EVENTS) await flush();
  }
  await flush();
  return summary;
}
