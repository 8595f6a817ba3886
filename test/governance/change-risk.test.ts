import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApprovalRecord, ChangeRequest } from '../../src/core/governance/changes/change-request.js';
import type { DeploymentRecord } from '../../src/core/governance/deployments/deployment-record.js';
import type { IncidentRecord } from '../../src/core/governance/deployments/incident-record.js';
import { decideDeployment, type GateInput } from '../../src/core/governance/gate/decide-deployment.js';
import {
  assessChangeRisk,
  type ChangeRiskInput,
  type RiskHistoryEntry,
} from '../../src/core/governance/risk/change-risk.js';
import { buildRiskHistory } from '../../src/core/governance/risk/risk-history.js';
import { CATALOG, makePolicy } from './governance-fixtures.js';

const day = (d: string) => `2026-03-${d}T00:00:00.000Z`;

/** 40 production deployments, 4 failed: docs-site (team-web) 10 with 2, payments 30 with 2. */
function history(): RiskHistoryEntry[] {
  const entries: RiskHistoryEntry[] = [];
  for (let i = 0; i < 10; i++)
    entries.push({
      service: 'docs-site',
      team: 'team-web',
      finishedAt: day(String(i + 1).padStart(2, '0')),
      failed: i === 4 || i === 6,
    });
  for (let i = 0; i < 30; i++)
    entries.push({
      service: 'payments',
      team: 'team-pay',
      finishedAt: '2026-02-10T00:00:00.000Z',
      failed: i < 2,
    });
  return entries;
}

const docs = { ...CATALOG.services.find((s) => s.id === 'docs-site')!, revenuePerOutageHour: '1000' };
const rule = {
  maxFailureProbability: '0.3',
  maxMoneyAtStake: '1000',
  minDeployments: 50,
  criticality: ['low' as const],
};

function riskInput(overrides: Partial<ChangeRiskInput> = {}): ChangeRiskInput {
  return {
    at: '2026-03-14T00:00:00.000Z',
    service: docs,
    estimatedCost: '450',
    currency: 'EUR',
    history: history(),
    pastEstimates: ['100', '300', '200'],
    recoveryHours: '3',
    rule,
    ...overrides,
  };
}

describe('money-aware change risk (hand-computed)', () => {
  it('shrinks rates toward the organisation, weighs recency and size, and prices the outage', () => {
    // docs-site failed on 03-05 and 03-07; at 03-14 the last failure is 7 days old.
    const risk = assessChangeRisk(riskInput());
    // org (4+1)/(40+2) = 0.119048; service (2 + 10 x 5/42)/20 = 134/840 = 0.159524 (team the same).
    assert.equal(risk.organisation.smoothed, '0.119048');
    assert.deepEqual({ ...risk.serviceRate }, { failures: 2, deployments: 10, smoothed: '0.159524' });
    assert.equal(risk.teamRate.smoothed, '0.159524');
    assert.equal(risk.daysSinceLastFailure, 7);
    assert.equal(risk.recencyFactor, '1.2500'); // 1 + 0.5 x (1 - 7/14)
    assert.equal(risk.costRatio, '2.2500'); // 450 / median(100, 200, 300)
    assert.equal(risk.sizeFactor, '1.5000'); // sqrt 2.25
    // 0.159524 x 1.25 x 1.5 = 0.2991075; outage 0.2991075 x 3 h x 1000/h = 897.3225.
    assert.equal(risk.failureProbability, '0.2991');
    assert.equal(risk.expectedOutageCost, '897.32');
    assert.equal(risk.moneyAtStake, '1347.32');
    assert.deepEqual(risk.preApproval, {
      eligible: false,
      reasons: [
        'only 40 production deployments of history (the policy needs 50)',
        'money at stake 1347.32 EUR above 1000',
      ],
    });
    assert.match(risk.summary, /service docs-site 2\/10 failed/);
    assert.match(risk.summary, /estimate 450 \+ expected outage 897\.32: 3 h x 1000\/h/);
  });

  it('is eligible when every condition holds, and never reads history after the change', () => {
    const later = [
      ...history(),
      { service: 'docs-site', team: 'team-web', finishedAt: '2026-05-01T00:00:00.000Z', failed: true },
    ];
    const risk = assessChangeRisk(
      riskInput({
        at: '2026-04-30T00:00:00.000Z',
        estimatedCost: '200',
        history: later,
        service: { ...docs, revenuePerOutageHour: undefined },
        rule: { ...rule, minDeployments: 30, maxMoneyAtStake: '500' },
      }),
    );
    assert.equal(risk.organisation.deployments, 40);
    assert.equal(risk.recencyFactor, '1.0000');
    assert.equal(risk.sizeFactor, '1.0000');
    assert.equal(risk.failureProbability, '0.1595');
    assert.equal(risk.expectedOutageCost, null);
    assert.equal(risk.moneyAtStake, '200.00');
    assert.match(risk.summary, /outage cost unknown: no revenue per outage hour/);
    assert.deepEqual(risk.preApproval, { eligible: true, reasons: [] });
  });

  it('says the size is unknown without earlier estimates, and bounds the probability at 1', () => {
    const failing = Array.from({ length: 5 }, (_, i) => ({
      service: 'docs-site',
      team: 'team-web',
      finishedAt: day(String(10 + i)),
      failed: true,
    }));
    const risk = assessChangeRisk(riskInput({ history: failing, pastEstimates: [], at: day('15') }));
    assert.equal(risk.costRatio, null);
    assert.match(risk.summary, /size unknown/);
    // org 6/7; service (5 + 10 x 6/7)/15 = 0.904762; x 1.5 (failed today) = 1.357 -> 1.
    assert.equal(risk.failureProbability, '1.0000');
  });
});

describe('risk history', () => {
  const deployment = (
    id: string,
    finishedAt: string,
    outcome: DeploymentRecord['outcome'] = 'succeeded',
  ): DeploymentRecord => ({
    id,
    deliveryKey: id,
    source: 'cli',
    service: 'docs-site',
    version: id,
    environment: 'production',
    startedAt: finishedAt,
    finishedAt,
    outcome,
    changeType: 'normal',
    triggeredBy: 'ci',
    pipelineMinutes: '1',
  });
  const incident: IncidentRecord = {
    id: 'INC-1',
    deliveryKey: 'INC-1',
    source: 'cli',
    service: 'docs-site',
    environment: 'production',
    title: 'down',
    severity: 'sev2',
    startedAt: '2026-03-02T02:00:00.000Z',
    resolvedAt: '2026-03-02T04:00:00.000Z',
    deploymentId: 'D1',
  };
  const deployments = [
    deployment('D1', '2026-03-02T00:00:00.000Z'),
    deployment('D2', '2026-03-03T00:00:00.000Z', 'failed'),
    deployment('D3', '2026-03-04T00:00:00.000Z'),
  ];

  it('marks a deployment failed by its incident only once the incident had started', () => {
    const before = buildRiskHistory(deployments, [incident], CATALOG, '2026-03-02T01:00:00.000Z', 24);
    assert.deepEqual(
      before.entries.map((e) => e.failed),
      [false],
    );
    const after = buildRiskHistory(deployments, [incident], CATALOG, '2026-03-05T00:00:00.000Z', 24);
    assert.deepEqual(
      after.entries.map((e) => [e.failed, e.team]),
      [
        [true, 'team-web'],
        [true, 'team-web'],
        [false, 'team-web'],
      ],
    );
    // D1 recovered in 2 h (its incident), D2 at the next succeeded deployment: 24 h; median 13.
    assert.equal(after.recoveryHours.get('docs-site'), '13');
  });
});

describe('the gate with a risk pre-approval rule', () => {
  const policy = makePolicy((d) => ({
    ...d,
    changeModels: {
      ...d.changeModels,
      normal: {
        ...d.changeModels.normal,
        riskPreApproval: {
          maxFailureProbability: '0.2',
          maxMoneyAtStake: '500',
          minDeployments: 30,
          criticality: ['low'],
        },
      },
    },
  }));
  const change: ChangeRequest = {
    id: 'CHG-1',
    service: 'docs-site',
    environment: 'production',
    changeType: 'normal',
    releaseId: 'R1',
    requestedBy: 'dev',
    estimatedCost: '200',
    status: 'open',
    createdAt: '2026-03-01T09:00:00Z',
    readyAt: '2026-03-01T09:00:00Z',
  };
  const signOff: ApprovalRecord = {
    changeId: 'CHG-1',
    approver: 'sam',
    role: 'service-owner',
    kind: 'sign-off',
    decision: 'approve',
    at: '2026-03-02T09:00:00Z',
  };
  const low = assessChangeRisk(
    riskInput({
      at: '2026-04-30T00:00:00.000Z',
      estimatedCost: '200',
      service: { ...docs, revenuePerOutageHour: undefined },
      rule: policy.changeModels.normal.riskPreApproval!,
    }),
  );
  const input = (overrides: Partial<GateInput> = {}): GateInput => ({
    at: '2026-03-04T10:00:00Z',
    service: docs,
    environment: CATALOG.environments[0]!,
    changeType: 'normal',
    policy,
    release: {
      id: 'R1',
      status: 'open',
      currency: 'EUR',
      budget: '10000',
      spent: '6000',
      spendClass: 'opex',
    },
    change,
    approvals: [signOff],
    freezes: [],
    breakGlass: [],
    risk: low,
    ...overrides,
  });
  const reason = (decision: ReturnType<typeof decideDeployment>, check: string) =>
    decision.reasons.find((r) => r.check === check);

  it('lets a low-risk normal change go without the CAB, citing its inputs', () => {
    assert.equal(low.preApproval?.eligible, true);
    const decision = decideDeployment(input());
    assert.equal(decision.decision, 'allow');
    assert.deepEqual(decision.requiredApprovals, []);
    assert.match(
      reason(decision, 'risk')!.detail,
      /^Low risk: pre-approved by the policy\. Risk \(tollgate-change-risk\.1\): failure probability 16\.0%; service docs-site 2\/10/,
    );
    assert.match(reason(decision, 'approvals')!.detail, /pre-approved as low risk/);
  });

  it('still needs the approvals when the risk is not low, when a threshold applies, or without a change', () => {
    const high = assessChangeRisk(riskInput({ rule: policy.changeModels.normal.riskPreApproval! }));
    const notLow = decideDeployment(input({ risk: high }));
    assert.equal(notLow.decision, 'deny');
    assert.match(
      reason(notLow, 'risk')!.detail,
      /^Not low risk: failure probability 0\.2991 above 0\.2; money at stake 1347\.32 EUR above 500/,
    );
    const large = decideDeployment(input({ estimatedCost: '6000' }));
    assert.equal(large.decision, 'deny');
    assert.match(
      reason(large, 'risk')!.detail,
      /thresholds apply \(large change, over budget, far over budget\)/,
    );
    assert.equal(decideDeployment(input({ change: undefined, approvals: [] })).decision, 'deny');
  });

  it('a rejection still stops a low-risk change; the financial sign-off is still needed', () => {
    const rejected = decideDeployment(
      input({
        approvals: [
          signOff,
          { ...signOff, approver: 'carl', role: 'cab', kind: 'approval', decision: 'reject' },
        ],
      }),
    );
    assert.equal(rejected.decision, 'deny');
    assert.match(reason(rejected, 'approvals')!.detail, /Rejected by carl/);
    const unsigned = decideDeployment(input({ approvals: [] }));
    assert.deepEqual(
      unsigned.reasons.filter((r) => !r.ok).map((r) => r.check),
      ['sign-off'],
    );
  });

  it('without a rule the gate reads no risk and says nothing of it', () => {
    const decision = decideDeployment(input({ policy: makePolicy(), risk: undefined }));
    assert.equal(reason(decision, 'risk'), undefined);
  });

  it('refuses a policy whose probability limit is not a probability', () => {
    assert.throws(
      () =>
        makePolicy((d) => ({
          ...d,
          changeModels: {
            ...d.changeModels,
            normal: {
              ...d.changeModels.normal,
              riskPreApproval: { maxFailureProbability: '1.5', maxMoneyAtStake: '1' },
            },
          },
        })),
      /POLICY|riskPreApproval\.maxFailureProbability: must be a probability from 0 to 1/,
    );
  });
});
