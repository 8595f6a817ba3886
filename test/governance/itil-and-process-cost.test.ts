import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeRequest } from '../../src/core/governance/changes/change-request.js';
import type { DeploymentRecord } from '../../src/core/governance/deployments/deployment-record.js';
import { computeItil } from '../../src/core/governance/deployments/itil-metrics.js';
import { computeUnitCosts } from '../../src/core/governance/deployments/unit-costs.js';
import {
  computeProcessCost,
  type ProcessChange,
} from '../../src/core/governance/process-cost/process-cost.js';
import type { Release } from '../../src/core/governance/releases/release-model.js';
import { SeededRandom } from '../../src/demo/seeded-random.js';
import { CATALOG, makePolicy, RATE_CARD } from './governance-fixtures.js';

function deployment(id: string, finishedAt: string, extra: Partial<DeploymentRecord> = {}): DeploymentRecord {
  return {
    id,
    deliveryKey: id,
    source: 'cli',
    service: 'payments',
    version: id,
    environment: 'production',
    startedAt: finishedAt,
    finishedAt,
    outcome: 'succeeded',
    changeType: 'normal',
    triggeredBy: 'ci',
    pipelineMinutes: '0',
    ...extra,
  };
}
function change(id: string, createdAt: string, extra: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    id,
    service: 'payments',
    environment: 'production',
    changeType: 'normal',
    requestedBy: 'dev',
    estimatedCost: '500',
    status: 'open',
    createdAt,
    readyAt: createdAt,
    ...extra,
  };
}
const release = (id: string, plannedDate: string): Release => ({
  id,
  name: id,
  services: ['payments'],
  status: 'open',
  currency: 'EUR',
  plannedDate,
  costOfDelayPerWeek: '0',
  spendClass: 'opex',
  spendReason: 'run',
  estimate: { labour: [], licences: [], environments: [], environmentRates: {} },
  createdAt: '2026-01-01T00:00:00Z',
});

describe('computeItil', () => {
  const report = computeItil({
    deployments: [
      deployment('a', '2026-03-02T10:00:00.000Z', { releaseId: 'R1', changeRequestId: 'C1' }), // R1 planned 03-02: on time
      deployment('b', '2026-03-03T10:00:00.000Z', { outcome: 'failed', releaseId: 'R2' }),
      deployment('c', '2026-03-06T10:00:00.000Z', { releaseId: 'R2', changeRequestId: 'C2' }), // R2 planned 03-05: late
      deployment('d', '2026-03-07T10:00:00.000Z', { environment: 'staging', releaseId: 'R3' }), // R3 never reached production
    ],
    releases: [
      release('R1', '2026-03-02'),
      release('R2', '2026-03-05'),
      release('R3', '2026-03-10'),
      release('R4', '2026-05-01'),
    ],
    changes: [
      change('C1', '2026-03-01T10:00:00.000Z', { status: 'closed', closedAt: '2026-03-02T10:00:00.000Z' }), // 24 h
      change('C2', '2026-03-02T10:00:00.000Z', { status: 'closed', closedAt: '2026-03-06T10:00:00.000Z' }), // 96 h
      change('C3', '2026-03-10T10:00:00.000Z'),
      change('C4', '2026-03-10T10:00:00.000Z', { status: 'rejected' }),
    ],
    productionEnvironments: ['production'],
    from: '2026-03-01T00:00:00Z',
    to: '2026-03-15T00:00:00Z',
  });
  it('success rate over every environment', () =>
    assert.deepEqual(report.successRate, { deployments: 4, succeeded: 3, rate: 0.75 }));
  it('schedule adherence: planned releases deployed to production by their date', () =>
    assert.deepEqual(report.scheduleAdherence, { planned: 3, onTime: 1, rate: 0.3333, late: ['R2', 'R3'] }));
  it('backlog throughput', () =>
    assert.deepEqual(report.backlogThroughput, { opened: 4, closed: 2, closedPerWeek: 1, openAtEnd: 1 }));
  it('lead time to deploy: median of 24 h and 96 h', () =>
    assert.deepEqual(report.leadTimeToDeploy, { count: 2, medianHours: 60 }));
});

describe('computeItil schedule adherence groups deployments by release', () => {
  // The definition read literally: for each planned release, its succeeded production
  // deployments' earliest end, on time when on or before the planned day.
  const lateByDefinition = (releases: Release[], deployments: DeploymentRecord[]) =>
    releases
      .filter((r) => r.plannedDate >= '2026-03-01' && r.plannedDate < '2026-06-01')
      .filter((r) => {
        const first = deployments
          .filter((d) => d.releaseId === r.id && d.outcome === 'succeeded' && d.environment === 'production')
          .map((d) => d.finishedAt)
          .sort()[0];
        return first === undefined || first.slice(0, 10) > r.plannedDate;
      })
      .map((r) => r.id);

  it('names the same late releases as the definition on 300 releases and 3,000 deployments', () => {
    const rng = new SeededRandom('itil-grouping');
    const day = (offset: number) => new Date(Date.UTC(2026, 1, 1) + offset * 86_400_000).toISOString();
    const releases = Array.from({ length: 300 }, (_, i) =>
      release(`R${i}`, day(Math.floor(rng.next() * 150)).slice(0, 10)),
    );
    const outcomes = ['succeeded', 'failed', 'rolled_back'] as const;
    const deployments = Array.from({ length: 3000 }, (_, i) =>
      deployment(`d${i}`, day(rng.next() * 160), {
        // Some carry no release, some a release that is not planned at all.
        ...(rng.next() < 0.9 ? { releaseId: `R${Math.floor(rng.next() * 320)}` } : {}),
        outcome: outcomes[Math.floor(rng.next() * 3)]!,
        environment: rng.next() < 0.6 ? 'production' : 'staging',
      }),
    );
    const report = computeItil({
      deployments,
      releases,
      changes: [],
      productionEnvironments: ['production'],
      from: '2026-03-01T00:00:00Z',
      to: '2026-06-01T00:00:00Z',
    });
    const expected = lateByDefinition(releases, deployments);
    assert.ok(expected.length > 10 && expected.length < report.scheduleAdherence.planned - 10);
    assert.deepEqual(report.scheduleAdherence.late, expected);
    assert.equal(report.scheduleAdherence.onTime, report.scheduleAdherence.planned - expected.length);
  });
});

describe('computeProcessCost (setup, opportunity and run cost; what-if standard)', () => {
  const policy = makePolicy();
  const item = (
    id: string,
    type: ChangeRequest['changeType'],
    estimatedCost: string,
    readyAt: string,
    deployedAt: string,
  ): ProcessChange => ({
    change: change(id, readyAt, { changeType: type, estimatedCost }),
    deployment: deployment(id, deployedAt, { changeType: type }),
    costOfDelayPerWeek: '1680',
  });
  const report = computeProcessCost(
    'payments',
    [
      item('C1', 'normal', '500', '2026-03-02T00:00:00.000Z', '2026-03-04T00:00:00.000Z'), // small normal, waited 48 h
      item('C2', 'normal', '8000', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'), // large normal, waited 24 h
      item('C3', 'standard', '100', '2026-03-05T00:00:00.000Z', '2026-03-05T02:00:00.000Z'), // standard, waited 2 h
    ],
    policy,
    RATE_CARD,
    '2000',
  );
  // Run cost: normal = 2 x 80 + 1.5 x 120 + 1 x 100 + 5 = 445; standard = 0.25 x 80 + 0.5 x 100 + 5 = 75.
  // Cost of delay 1680 / week = 10 / hour.
  it('current: run 445 + 445 + 75, opportunity 480 + 240 + 20', () => {
    assert.deepEqual(report.current, {
      runCost: '965',
      opportunityCost: '740',
      total: '1705',
      perChange: '568.33',
      perMonth: '1705',
    });
  });
  it('what-if: the small normal change runs as standard, waiting the standard median 2 h', () => {
    assert.equal(report.lines[0]!.whatIfType, 'standard');
    assert.equal(report.lines[1]!.whatIfType, 'normal');
    assert.deepEqual(report.whatIf, {
      runCost: '595',
      opportunityCost: '280',
      total: '875',
      perChange: '291.67',
      perMonth: '875',
    });
    assert.equal(report.savingPerMonth, '830');
    assert.equal(report.setupCost, '2000');
  });
});

describe('computeUnitCosts', () => {
  const cost = (total: string) => ({
    modelVersion: 'm',
    currency: 'EUR',
    pipeline: '0',
    environment: '0',
    documentation: '0',
    cabReview: '0',
    execution: '0',
    licences: '0',
    rollbackWork: '0',
    deployment: total,
    total,
  });
  const deployments = [
    {
      ...deployment('a', '2026-03-02T11:00:00.000Z', { startedAt: '2026-03-02T10:00:00.000Z' }),
      cost: cost('100'),
    },
    {
      ...deployment('b', '2026-03-03T10:30:00.000Z', {
        startedAt: '2026-03-03T10:00:00.000Z',
        outcome: 'rolled_back',
      }),
      cost: cost('400'),
    },
    {
      ...deployment('c', '2026-04-03T10:30:00.000Z', {
        startedAt: '2026-04-03T10:00:00.000Z',
        service: 'docs-site',
      }),
      cost: cost('10'),
    },
  ];
  const units = computeUnitCosts(deployments, CATALOG, 'EUR', 4);
  it('per deployment, per rollback, per environment hour', () => {
    assert.equal(units.perDeployment, '170');
    assert.equal(units.perRollback, '400');
    assert.deepEqual(units.perEnvironmentHour, [
      { environment: 'production', hours: '2', cost: '510', perHour: '255' },
    ]);
  });
  it('per service and team per month', () => {
    assert.deepEqual(units.byServiceMonth, [
      { month: '2026-03', service: 'payments', team: 'team-pay', deployments: 2, cost: '500' },
      { month: '2026-04', service: 'docs-site', team: 'team-web', deployments: 1, cost: '10' },
    ]);
    assert.deepEqual(units.teamFrequencyVsCost, [
      { team: 'team-pay', deploymentsPerWeek: 0.5, perDeployment: '250' },
      { team: 'team-web', deploymentsPerWeek: 0.25, perDeployment: '10' },
    ]);
  });
});
