import type { DemoApproval, DemoDeployment } from '../../../demo/governance/generate-demo-governance.js';
import type { Stores } from '../../../ports/stores.js';
import { GateRecordBatcher } from './batch-gate-records.js';
import { decideGate } from './decide-gate.js';

const MINUTE = 60_000;

/** How long before its deployment starts a demo pipeline asks the gate (at its start: the window is read then). */
const ASK_BEFORE_START_MINUTES = 0;
/** How long before the last approval an early pipeline asks. */
const EARLY_ASK_MINUTES = 10;

/**
 * The demo's pipelines asking the deployment gate, through the use case the API's gate route
 * runs (decideGate): each decision goes to the decision log and the audit log, a denial's
 * notice is queued. A pipeline asks as its CI user, at the demo time it would have asked.
 * Its records join the caller's transaction; `settle` waits for them before that commits.
 * Give it stores whose catalogue and policy are read once (withFixedGateSetUp): the
 * demo changes neither while it loads.
 */
export class DemoGate {
  private readonly records: GateRecordBatcher;
  asked = 0;
  denied = 0;

  constructor(private readonly stores: Stores) {
    this.records = new GateRecordBatcher(stores);
  }

  /** The pipeline's ask, `minutesBefore` the given time; resolves with the gate's answer. */
  async ask(deployment: DemoDeployment, changeId: string, before: string, minutesBefore: number) {
    const { decision } = await decideGate(
      this.stores,
      this.records,
      {
        service: deployment.service,
        environment: deployment.environment,
        releaseId: deployment.releaseId,
        version: deployment.version,
        changeId,
        at: new Date(Date.parse(before) - minutesBefore * MINUTE).toISOString(),
      },
      { name: deployment.triggeredBy, tokenId: null, address: null },
    );
    this.asked++;
    if (decision.decision === 'deny') this.denied++;
    return decision.decision;
  }

  /** Just before the deployment starts. */
  askBeforeStart(deployment: DemoDeployment, changeId: string) {
    return this.ask(deployment, changeId, deployment.startedAt, ASK_BEFORE_START_MINUTES);
  }

  /** Too early: before the change's last approval was given. */
  askBeforeApproval(deployment: DemoDeployment, changeId: string, approval: DemoApproval) {
    return this.ask(deployment, changeId, approval.at, EARLY_ASK_MINUTES);
  }

  /** Resolves once every decision asked so far is written. */
  settle(): Promise<void> {
    return this.records.idle();
  }
}
