import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeploymentRecord } from '../../src/core/governance/deployments/deployment-record.js';
import { computeDora, DORA_DEFINITIONS_VERSION } from '../../src/core/governance/deployments/dora-metrics.js';
import type { IncidentRecord } from '../../src/core/governance/deployments/incident-record.js';

function deployment(
  id: string,
  service: string,
  environment: string,
  committedAt: string,
  finishedAt: string,
  outcome: DeploymentRecord['outcome'] = 'succeeded',
): DeploymentRecord {
  return {
    id,
    deliveryKey: id,
    source: 'cli',
    service,
    version: id,
    committedAt: `2026-${committedAt}:00.000Z`,
    environment,
    startedAt: `2026-${finishedAt}:00.000Z`,
    finishedAt: `2026-${finishedAt}:00.000Z`,
    outcome,
    changeType: 'normal',
    triggeredBy: 'ci',
    pipelineMinutes: '10',
  };
}

function incident(id: string, service: string, startedAt: string, deploymentId?: string): IncidentRecord {
  return {
    id,
    deliveryKey: id,
    source: 'cli',
    service,
    environment: 'production',
    title: id,
    severity: 'sev2',
    startedAt: `2026-${startedAt}:00.000Z`,
    deploymentId,
  };
}

// The hand-computed fixture: see the comments for each expected figure.
const deployments = [
  deployment('d1', 'payments', 'production', '03-02T08:00', '03-02T10:00'), // lead 2 h
  deployment('d2', 'payments', 'production', '03-02T12:00', '03-03T12:00', 'failed'),
  deployment('d3', 'payments', 'production', '03-03T00:00', '03-03T16:00'), // lead 16 h; restores d2 in 4 h
  deployment('d4', 'payments', 'production', '03-05T10:00', '03-05T11:00'), // lead 1 h; i1 9 h later -> failure
  deployment('d5', 'payments', 'production', '03-06T04:00', '03-06T10:00'), // lead 6 h; restores i1 in 14 h
  deployment('d6', 'payments', 'production', '03-10T09:00', '03-10T10:00', 'rolled_back'),
  deployment('d7', 'payments', 'production', '03-09T13:00', '03-10T13:00'), // lead 24 h; restores d6 in 3 h
  deployment('d8', 'payments', 'production', '03-12T09:30', '03-12T10:00'), // lead 0.5 h; i2 50 h later: outside window
  deployment('d9', 'payments', 'production', '03-20T09:00', '03-20T12:00'), // after the period; restores i2 in 144 h
  deployment('s1', 'payments', 'staging', '03-04T08:00', '03-04T09:00'), // staging: frequency only
  deployment('d10', 'docs-site', 'production', '03-04T09:00', '03-04T10:00'), // lead 1 h; i3 linked -> failure
];
const incidents = [
  incident('i1', 'payments', '03-05T20:00'),
  incident('i2', 'payments', '03-14T12:00'),
  incident('i3', 'docs-site', '03-09T00:00', 'd10'), // linked, beyond the window: still a failure; never restored
];

describe('computeDora on a hand-computed fixture (golden)', () => {
  const report = computeDora({
    deployments,
    incidents,
    productionEnvironments: ['production'],
    from: '2026-03-02T00:00:00Z',
    to: '2026-03-16T00:00:00Z',
    attributionWindowHours: 24,
  });

  it('states its definitions version', () => {
    assert.equal(report.definitionsVersion, DORA_DEFINITIONS_VERSION);
    assert.match(report.definitions.changeFailureRate, /per deployment/);
  });

  it('deployment frequency: deployment days per week per service and environment', () => {
    assert.deepEqual(report.deploymentFrequency, [
      { service: 'docs-site', environment: 'production', deploymentDays: 1, weeks: 2, perWeek: 0.5 },
      { service: 'payments', environment: 'production', deploymentDays: 6, weeks: 2, perWeek: 3 },
      { service: 'payments', environment: 'staging', deploymentDays: 1, weeks: 2, perWeek: 0.5 },
    ]);
  });

  it('lead time for changes: median 2 h, p90 24 h over 7 succeeded production deployments', () => {
    assert.deepEqual(report.leadTime, { count: 7, medianHours: 2, p90Hours: 24 });
  });

  it('change failure rate: 4 of 9 production deployments, counted per deployment', () => {
    assert.equal(report.deployments, 9);
    assert.deepEqual(report.changeFailureRate, {
      failures: 4,
      rate: 0.4444,
      failedDeploymentIds: ['d2', 'd10', 'd4', 'd6'],
    }); // in order of finish
  });

  it('time to restore: 5 failures, 4 restored, median 9 h, p90 144 h', () => {
    assert.deepEqual(report.timeToRestore, { failures: 5, restored: 4, medianHours: 9, p90Hours: 144 });
  });

  it('per service', () => {
    const payments = report.byService.find((row) => row.service === 'payments')!;
    assert.equal(payments.deployments, 8);
    assert.deepEqual(payments.changeFailureRate.failedDeploymentIds, ['d2', 'd4', 'd6']);
    assert.equal(payments.changeFailureRate.rate, 0.375);
    const docs = report.byService.find((row) => row.service === 'docs-site')!;
    assert.equal(docs.changeFailureRate.rate, 1);
    assert.deepEqual(docs.timeToRestore, { failures: 1, restored: 0, medianHours: null, p90Hours: null });
  });

  it('a narrower attribution window drops the time-attributed incident', () => {
    const narrow = computeDora({
      deployments,
      incidents,
      productionEnvironments: ['production'],
      from: '2026-03-02T00:00:00Z',
      to: '2026-03-16T00:00:00Z',
      attributionWindowHours: 8,
    });
    assert.deepEqual(narrow.changeFailureRate.failedDeploymentIds, ['d2', 'd10', 'd6']);
  });
});

describe('computeDora time to restore with a resolved incident', () => {
  it("ends at the incident's resolution, not at the next succeeded deployment", () => {
    const report = computeDora({
      deployments,
      incidents: [{ ...incident('i1', 'payments', '03-05T20:00'), resolvedAt: '2026-03-05T22:00:00.000Z' }],
      productionEnvironments: ['production'],
      from: '2026-03-02T00:00:00Z',
      to: '2026-03-16T00:00:00Z',
      attributionWindowHours: 24,
    });
    // d2 4 h, i1 2 h (its resolution; d5 would have said 14 h), d6 3 h
    assert.deepEqual(report.timeToRestore, { failures: 3, restored: 3, medianHours: 3, p90Hours: 4 });
  });
});
