import { Decimal } from '../../money.js';
import type { ApprovalRecord, ChangeRequest } from '../changes/change-request.js';
import type { DeploymentCost } from '../deployments/deployment-cost-model.js';
import type { DeploymentRecord } from '../deployments/deployment-record.js';
import {
  activeBreakGlass,
  activeFreezes,
  type BreakGlass,
  checkWindow,
  type Freeze,
} from '../gate/deployment-calendar.js';
import type { DeploymentWindow } from '../governance-policy.js';

/** What a deployment to a governed environment did against the process. */
export type ConformanceCheck =
  | 'no-change'
  | 'no-gate-decision'
  | 'deployed-after-deny'
  | 'approved-after-deployment'
  | 'outside-window'
  | 'in-freeze'
  | 'emergency';

export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = [
  'no-change',
  'no-gate-decision',
  'deployed-after-deny',
  'approved-after-deployment',
  'outside-window',
  'in-freeze',
  'emergency',
];

/** How each check is decided: printed with every report so a reader can check a finding. */
export const CONFORMANCE_RULES: Record<ConformanceCheck, string> = {
  'no-change':
    'a normal or emergency deployment with no change request (standard changes are pre-approved and need none)',
  'no-gate-decision':
    'no gate decision for the service and environment (and version, when both name one) in the hours before it started',
  'deployed-after-deny': 'the last gate decision before it started was a deny',
  'approved-after-deployment': 'an approval or sign-off of its change was given after it started',
  'outside-window':
    'started outside every deployment window of its environment, with no break-glass covering it',
  'in-freeze': 'started during a freeze of its environment, with no break-glass covering it',
  emergency: 'an emergency change (listed so the CAB can review it, not a breach by itself)',
};

/** A gate decision as the report needs it: where, which version, when asked, the answer. */
export interface GateAnswer {
  service: string;
  environment: string;
  version: string | null;
  at: string;
  decision: 'allow' | 'deny';
}

export interface ConformanceDeployment extends DeploymentRecord {
  cost: DeploymentCost;
}

export interface ConformanceInput {
  deployments: readonly ConformanceDeployment[];
  /** The governed environments (the catalogue's production ones). */
  governed: ReadonlySet<string>;
  changes: ReadonlyMap<string, ChangeRequest>;
  approvals: ReadonlyMap<string, readonly ApprovalRecord[]>;
  gateAnswers: readonly GateAnswer[];
  windows: readonly DeploymentWindow[];
  timeZone: string;
  freezes: readonly Freeze[];
  breakGlass: readonly BreakGlass[];
  /** A gate decision counts for a deployment that started within this many hours after it. */
  gateLookbackHours: number;
}

export interface ConformanceFinding {
  deploymentId: string;
  service: string;
  environment: string;
  version: string;
  startedAt: string;
  changeType: string;
  changeId: string | null;
  checks: ConformanceCheck[];
  /** The deployment's modelled cost, in the policy's currency. */
  cost: string;
}

const HOUR = 3_600_000;

const placeKey = (x: { service: string; environment: string }) => `${x.service}\u0000${x.environment}`;

/** The gate's answers grouped by service and environment, so each deployment reads only its own. */
function groupAnswersByPlace(answers: readonly GateAnswer[]): Map<string, GateAnswer[]> {
  const byPlace = new Map<string, GateAnswer[]>();
  for (const answer of answers) {
    const list = byPlace.get(placeKey(answer));
    if (list) list.push(answer);
    else byPlace.set(placeKey(answer), [answer]);
  }
  return byPlace;
}

/**
 * The gate answer that governs a deployment: the last decision for its service and environment
 * (and version, when both name one) asked at most `lookback` hours before it started.
 */
function lastGateAnswer(
  answersByPlace: ReadonlyMap<string, readonly GateAnswer[]>,
  lookbackHours: number,
  d: ConformanceDeployment,
): GateAnswer | undefined {
  const start = Date.parse(d.startedAt);
  const earliest = start - lookbackHours * HOUR;
  let found: GateAnswer | undefined;
  for (const answer of answersByPlace.get(placeKey(d)) ?? []) {
    if (answer.version !== null && answer.version !== d.version) continue;
    const at = Date.parse(answer.at);
    if (at > start || at < earliest) continue;
    if (!found || at >= Date.parse(found.at)) found = answer;
  }
  return found;
}

/**
 * The conformance of each deployment to a governed environment (a pure check of the records):
 * 1. only deployments to governed environments are checked;
 * 2. each CONFORMANCE_RULES check is applied to the deployment, its change request and approvals,
 *    the gate's answers, the policy's windows, the freezes and the break-glass records;
 * 3. a deployment with at least one check is a finding, carrying its modelled cost.
 */
export function checkConformance(input: ConformanceInput): ConformanceFinding[] {
  const findings: ConformanceFinding[] = [];
  const answersByPlace = groupAnswersByPlace(input.gateAnswers);
  for (const d of input.deployments) {
    if (!input.governed.has(d.environment)) continue;
    const checks: ConformanceCheck[] = [];
    const at = new Date(d.startedAt);
    const change = d.changeRequestId ? input.changes.get(d.changeRequestId) : undefined;
    if (d.changeType !== 'standard' && !change) checks.push('no-change');
    const gate = lastGateAnswer(answersByPlace, input.gateLookbackHours, d);
    if (!gate) checks.push('no-gate-decision');
    else if (gate.decision === 'deny') checks.push('deployed-after-deny');
    const approvals = change ? (input.approvals.get(change.id) ?? []) : [];
    if (approvals.some((a) => a.decision === 'approve' && Date.parse(a.at) > at.getTime()))
      checks.push('approved-after-deployment');
    const glass = activeBreakGlass([...input.breakGlass], d.environment, d.service, at);
    if (!glass) {
      if (!checkWindow([...input.windows], d.environment, at, input.timeZone).open)
        checks.push('outside-window');
      if (activeFreezes([...input.freezes], d.environment, at).length > 0) checks.push('in-freeze');
    }
    if (d.changeType === 'emergency') checks.push('emergency');
    if (checks.length === 0) continue;
    findings.push({
      deploymentId: d.id,
      service: d.service,
      environment: d.environment,
      version: d.version,
      startedAt: d.startedAt,
      changeType: d.changeType,
      changeId: d.changeRequestId ?? null,
      checks,
      cost: new Decimal(d.cost.total).toString(),
    });
  }
  return findings;
}
