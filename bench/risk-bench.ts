/**
 * Money-aware change risk, replayed over the demo organisation's governance year (issue 17):
 * 1. generate the demo year (generateDemoGovernance, seed 1: the same events `tollgate demo`
 *    loads), and number its deployments and incidents as the loader does;
 * 2. for every normal change to production, in time order, assess its risk at the moment its
 *    deployment started, from what was known then (deployments finished before, incidents
 *    started before; buildRiskHistory + assessChangeRisk) under a stated pre-approval rule;
 *    a change is pre-approved when the risk is eligible and none of the demo policy's
 *    thresholds applies (as the gate decides);
 * 3. each change's outcome is what the whole year then showed: failed by DORA 2024's change
 *    fail rate (failed, rolled back, or caused an incident within the attribution window);
 * 4. print the pre-approved share, the change fail rate of the pre-approved against the
 *    human-approved ones with Wilson 95% intervals, and, as the baseline measured in the same
 *    run, the same number of changes pre-approved by estimate alone (the cheapest ones, as a
 *    standard change's cost limit would).
 * Target: the pre-approved changes fail no more often than the human-approved ones
 * (ratio <= 1), and no more often than the cost-only baseline's (ratio <= 1). Printed met or
 * not met. Options: --max-probability P, --max-money-at-stake A, --min-deployments N.
 */
import { parseArgs } from 'node:util';
import { requireApprovals } from '../src/core/governance/changes/approval-rules.js';
import type { DeploymentRecord } from '../src/core/governance/deployments/deployment-record.js';
import type { IncidentRecord } from '../src/core/governance/deployments/incident-record.js';
import { computeDora2024 } from '../src/core/governance/dora/dora-2024.js';
import { parseGovernancePolicy } from '../src/core/governance/governance-policy.js';
import { assessChangeRisk, type RiskPreApprovalRule } from '../src/core/governance/risk/change-risk.js';
import { buildRiskHistory } from '../src/core/governance/risk/risk-history.js';
import { DEMO_CATALOG } from '../src/demo/demo-organisation.js';
import { generateDemoGovernance } from '../src/demo/governance/generate-demo-governance.js';

const { values } = parseArgs({
  options: {
    'max-probability': { type: 'string', default: '0.06' },
    'max-money-at-stake': { type: 'string', default: '5000' },
    'min-deployments': { type: 'string', default: '30' },
  },
});
const rule: RiskPreApprovalRule = {
  maxFailureProbability: values['max-probability']!,
  maxMoneyAtStake: values['max-money-at-stake']!,
  minDeployments: Number(values['min-deployments']),
  criticality: ['low', 'medium', 'high'],
};

interface Replayed {
  id: string;
  estimate: number;
  preApproved: boolean;
  thresholds: boolean;
  failed: boolean;
}

/** Wilson score interval for k of n at 95%. */
function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.959964;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function describe(label: string, group: Replayed[]): number {
  const failed = group.filter((c) => c.failed).length;
  const rate = group.length === 0 ? 0 : failed / group.length;
  const [low, high] = wilson(failed, group.length);
  console.log(
    `${label.padEnd(34)} ${String(group.length).padStart(5)} changes, ${String(failed).padStart(4)} failed: ` +
      `change fail rate ${(rate * 100).toFixed(1)}% (95% CI ${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)}%)`,
  );
  return rate;
}

const started = performance.now();
const demo = generateDemoGovernance(1);
const policy = parseGovernancePolicy(demo.policy);
const production = new Set(DEMO_CATALOG.environments.filter((e) => e.production).map((e) => e.id));
const deployments: DeploymentRecord[] = [];
const incidents: IncidentRecord[] = [];
const normalChanges: { deployment: DeploymentRecord; estimate: string; spendClass?: string | undefined }[] =
  [];
for (const event of demo.events) {
  const next = () => `D${deployments.length + 1}`;
  if (event.kind === 'deployment' || event.kind === 'change') {
    const record: DeploymentRecord = {
      ...event.deployment,
      id: next(),
      deliveryKey: next(),
      source: 'cli',
    };
    deployments.push(record);
    if (
      event.kind === 'change' &&
      event.change.changeType === 'normal' &&
      production.has(record.environment)
    ) {
      const release = demo.releases.find((r) => r.id === event.change.releaseId);
      normalChanges.push({
        deployment: record,
        estimate: event.change.estimatedCost,
        spendClass: release?.spendClass,
      });
    }
  } else if (event.kind === 'incident') {
    incidents.push({ ...event.incident, deliveryKey: event.incident.id, source: 'demo' });
  }
}

const yearEnd = '2026-01-01T00:00:00.000Z';
const outcome = computeDora2024({
  deployments,
  incidents,
  catalog: DEMO_CATALOG,
  from: '1970-01-01T00:00:00.000Z',
  to: yearEnd,
  attributionWindowHours: policy.attributionWindowHours,
});
const failedIds = new Set(outcome.changeFailRate.failedDeploymentIds);
const estimatesByService = new Map<string, { at: string; estimate: string }[]>();
const replayed: Replayed[] = [];
for (const change of normalChanges) {
  const d = change.deployment;
  const service = DEMO_CATALOG.services.find((s) => s.id === d.service)!;
  const history = buildRiskHistory(
    deployments,
    incidents,
    DEMO_CATALOG,
    d.startedAt,
    policy.attributionWindowHours,
  );
  const past = (estimatesByService.get(service.id) ?? []).filter((e) => e.at < d.startedAt);
  const risk = assessChangeRisk({
    at: d.startedAt,
    service,
    estimatedCost: change.estimate,
    currency: policy.currency,
    history: history.entries,
    pastEstimates: past.map((e) => e.estimate),
    recoveryHours: history.recoveryHours.get(service.id) ?? null,
    rule,
  });
  const thresholds =
    requireApprovals(policy.changeModels.normal, {
      estimatedCost: change.estimate,
      overrunAmount: null,
      overrunPercent: null,
      spendClass: change.spendClass as 'capex' | 'opex' | undefined,
      criticality: service.criticality,
      production: true,
    }).appliedThresholds.length > 0;
  replayed.push({
    id: d.id,
    estimate: Number(change.estimate),
    preApproved: risk.preApproval?.eligible === true && !thresholds,
    thresholds,
    failed: failedIds.has(d.id),
  });
  estimatesByService.set(service.id, [
    ...(estimatesByService.get(service.id) ?? []),
    { at: d.startedAt, estimate: change.estimate },
  ]);
}
const seconds = (performance.now() - started) / 1000;

const pre = replayed.filter((c) => c.preApproved);
const human = replayed.filter((c) => !c.preApproved);
// Baseline: as many changes pre-approved by estimate alone, among those no threshold covers.
const baseline = replayed
  .filter((c) => !c.thresholds)
  .sort((a, b) => a.estimate - b.estimate || a.id.localeCompare(b.id))
  .slice(0, pre.length);

console.log(
  `bench:risk — the demo year replayed (${deployments.length} deployments, ${incidents.length} incidents, ${seconds.toFixed(1)} s)`,
);
console.log(
  `rule: failure probability <= ${rule.maxFailureProbability}, money at stake <= ${rule.maxMoneyAtStake} ${policy.currency}, ` +
    `>= ${rule.minDeployments} deployments of history, criticality ${rule.criticality.join('/')}, no policy threshold`,
);
console.log(
  `pre-approved: ${pre.length} of ${replayed.length} normal production changes (${((pre.length / replayed.length) * 100).toFixed(1)}%)`,
);
const preRate = describe('pre-approved by risk', pre);
const humanRate = describe('human-approved', human);
const baseRate = describe('baseline: cheapest, same number', baseline);
const ratio = (a: number, b: number) => (b === 0 ? Number.POSITIVE_INFINITY : a / b);
const vsHuman = ratio(preRate, humanRate);
const vsBaseline = ratio(preRate, baseRate);
console.log(
  `ratio pre-approved / human-approved change fail rate: ${vsHuman.toFixed(3)} (target <= 1: ${vsHuman <= 1 ? 'met' : 'not met'})`,
);
console.log(
  `ratio pre-approved / cost-only baseline change fail rate: ${vsBaseline.toFixed(3)} (target <= 1: ${vsBaseline <= 1 ? 'met' : 'not met'})`,
);
if (pre.length === 0)
  console.log('no change was pre-approved: the rule is too strict for this history (not met)');
