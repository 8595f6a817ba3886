import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Catalog } from '../../../src/core/catalog/catalog-model.js';
import type { DeploymentRecord } from '../../../src/core/governance/deployments/deployment-record.js';
import type { IncidentRecord } from '../../../src/core/governance/deployments/incident-record.js';
import { computeDora2024, DORA_2024_VERSION } from '../../../src/core/governance/dora/dora-2024.js';

const catalog: Catalog = {
  businessUnits: [],
  costCentres: [],
  teams: [
    { id: 'pay', name: 'Pay', costCentre: 'cc' },
    { id: 'web', name: 'Web', costCentre: 'cc' },
  ],
  services: [
    {
      id: 'payments',
      name: 'P',
      ownerTeam: 'pay',
      costCentre: 'cc',
      criticality: 'high',
      environments: ['production', 'staging'],
    },
    {
      id: 'checkout',
      name: 'C',
      ownerTeam: 'pay',
      costCentre: 'cc',
      criticality: 'high',
      environments: ['production'],
    },
    {
      id: 'docs-site',
      name: 'D',
      ownerTeam: 'web',
      costCentre: 'cc',
      criticality: 'low',
      environments: ['production'],
    },
  ],
  environments: [
    { id: 'production', name: 'Production', production: true },
    { id: 'staging', name: 'Staging', production: false },
  ],
};

const at = (text: string) => `2026-${text}:00.000Z`;
function deployment(
  id: string,
  service: string,
  times: { commit?: string; start: string; end: string },
  outcome: DeploymentRecord['outcome'] = 'succeeded',
  environment = 'production',
): DeploymentRecord {
  return {
    id,
    deliveryKey: id,
    source: 'cli',
    service,
    version: id,
    committedAt: times.commit === undefined ? undefined : at(times.commit),
    environment,
    startedAt: at(times.start),
    finishedAt: at(times.end),
    outcome,
    changeType: 'normal',
    triggeredBy: 'ci',
    pipelineMinutes: '10',
  };
}
function incident(
  id: string,
  service: string,
  start: string,
  resolved: string | undefined,
  extra: Partial<IncidentRecord> = {},
): IncidentRecord {
  return {
    id,
    deliveryKey: id,
    source: 'cli',
    service,
    environment: 'production',
    title: id,
    severity: 'sev2',
    startedAt: at(start),
    resolvedAt: resolved === undefined ? undefined : at(resolved),
    ...extra,
  };
}

// The hand-computed fixture; the period is 14 days, 03-01 to 03-15, the attribution window 24 h.
const deployments = [
  deployment('p0', 'payments', { start: '02-28T22:00', end: '02-28T23:00' }), // before the period; causes i0
  deployment('p1', 'payments', { commit: '03-02T08:00', start: '03-02T09:00', end: '03-02T10:00' }), // lead 2 h; i1 and i2: one failure, recovery 11:00 -> 14:30 = 3.5 h
  deployment('p2', 'payments', { commit: '03-02T11:30', start: '03-02T12:30', end: '03-02T13:00' }), // lead 1.5 h; a redeploy that restores, during i1: rework
  deployment(
    'p3',
    'payments',
    { commit: '03-05T09:00', start: '03-05T10:00', end: '03-05T10:45' },
    'rolled_back',
  ), // recovers in its own 0.75 h
  deployment('p4', 'payments', { start: '03-06T10:00', end: '03-06T10:30' }, 'failed'), // recovered by p5's end: 4 h
  deployment('p5', 'payments', { commit: '03-06T12:00', start: '03-06T14:00', end: '03-06T14:30' }), // lead 2.5 h; i3 20 h later -> failure, recovery 0.5 h
  deployment(
    's1',
    'payments',
    { commit: '03-03T00:00', start: '03-03T01:00', end: '03-03T02:00' },
    'succeeded',
    'staging',
  ), // not production
  deployment('c1', 'checkout', { commit: '03-03T00:00', start: '03-03T23:00', end: '03-04T00:00' }), // lead 24 h
  deployment('p6', 'payments', { commit: '03-09T20:00', start: '03-10T01:00', end: '03-10T01:30' }), // lead 5.5 h; during i4, which hit payments: rework
  deployment('d1', 'docs-site', { commit: '03-11T00:00', start: '03-11T11:00', end: '03-11T12:00' }), // lead 12 h; i5 still open: unrecovered
];
const incidents = [
  incident('i0', 'payments', '03-01T05:00', '03-01T06:00'), // attributed to p0, outside the period
  incident('i1', 'payments', '03-02T11:00', '03-02T13:00', { deploymentId: 'p1' }),
  incident('i2', 'payments', '03-02T12:00', '03-02T14:30', { deploymentId: 'p1' }),
  incident('i3', 'payments', '03-07T10:30', '03-07T11:00'),
  incident('i4', 'checkout', '03-10T00:00', '03-10T02:00', { affectedServices: ['payments'] }), // c1 ended 6 days before: no deployment
  incident('i5', 'docs-site', '03-11T13:00', undefined, { deploymentId: 'd1' }),
  incident('i6', 'payments', '03-12T00:00', '03-12T01:00', { deploymentId: 's1' }), // names a staging deployment: no production cause
  { ...incident('i7', 'payments', '03-06T11:00', '03-06T12:00'), environment: 'staging' }, // staging incidents count nowhere
];

const report = computeDora2024({
  deployments,
  incidents,
  catalog,
  from: '2026-03-01T00:00:00.000Z',
  to: '2026-03-15T00:00:00.000Z',
  attributionWindowHours: 24,
});

describe('DORA 2024 metrics', () => {
  it('prints its version, source, definitions and band rules', () => {
    assert.equal(report.version, DORA_2024_VERSION);
    assert.match(report.source, /2024/);
    assert.deepEqual(Object.keys(report.definitions), [
      'deploymentFrequency',
      'changeLeadTime',
      'changeFailRate',
      'failedDeploymentRecoveryTime',
      'deploymentReworkRate',
    ]);
    assert.deepEqual(Object.keys(report.bands), Object.keys(report.definitions));
  });

  it('counts production deployments per day and per week (8 in 14 days)', () => {
    assert.deepEqual(report.deploymentFrequency, {
      deployments: 8,
      deploymentDays: 6, // 03-02, 03-04, 03-05, 03-06, 03-10, 03-11
      perDay: 0.5714,
      perWeek: 4,
      band: 'high',
    });
  });

  it('measures lead time from commit to succeeded production deployment', () => {
    // 1.5, 2, 2.5, 5.5, 12, 24 h: median (2.5 + 5.5) / 2, p90 the 6th of 6
    assert.deepEqual(report.changeLeadTime, { count: 6, medianHours: 4, p90Hours: 24, band: 'elite' });
  });

  it('counts two incidents from one deployment as one failure, and names the failures', () => {
    assert.deepEqual(report.changeFailRate, {
      failures: 5,
      rate: 0.625,
      band: 'low',
      failedDeploymentIds: ['p1', 'p3', 'p4', 'p5', 'd1'],
    });
  });

  it("times recovery to the incidents' resolution, a rollback by its own end, and leaves an open incident untimed", () => {
    // p1 3.5, p3 0.75, p4 4, p5 0.5 -> median (0.75 + 3.5) / 2 = 2.125, p90 the 4th of 4
    assert.deepEqual(report.failedDeploymentRecoveryTime, {
      failures: 5,
      recovered: 4,
      unrecoveredDeploymentIds: ['d1'],
      medianHours: 2.13,
      p90Hours: 4,
      band: 'high',
    });
  });

  it('counts deployments made while an incident on their service was open as rework', () => {
    assert.deepEqual(report.deploymentReworkRate, {
      rework: 2,
      rate: 0.25,
      band: null,
      reworkDeploymentIds: ['p2', 'p6'],
    });
  });

  it('counts incidents no production deployment caused, and no others', () => {
    assert.equal(report.incidentsWithoutDeployment, 2); // i4 and i6; i0 belongs to p0
  });

  it('gives the same figures per service and per owning team', () => {
    const payments = report.byService.find((s) => s.service === 'payments')!;
    assert.equal(payments.team, 'pay');
    assert.equal(payments.deploymentFrequency.deployments, 6);
    assert.equal(payments.changeFailRate.rate, 0.6667);
    assert.equal(payments.changeLeadTime.medianHours, 2.25);
    assert.equal(payments.deploymentReworkRate.rate, 0.3333);
    assert.equal(payments.incidentsWithoutDeployment, 1);
    const checkout = report.byService.find((s) => s.service === 'checkout')!;
    assert.deepEqual(
      [
        checkout.changeFailRate.rate,
        checkout.changeFailRate.band,
        checkout.failedDeploymentRecoveryTime.band,
      ],
      [0, 'elite', null],
    );
    assert.equal(checkout.deploymentFrequency.band, 'medium');
    assert.equal(checkout.changeLeadTime.band, 'high');
    assert.deepEqual(
      report.byTeam.map((t) => [
        t.team,
        t.services,
        t.deploymentFrequency.deployments,
        t.changeFailRate.rate,
      ]),
      [
        ['pay', ['checkout', 'payments'], 7, 0.5714],
        ['web', ['docs-site'], 1, 1],
      ],
    );
    const pay = report.byTeam[0]!;
    assert.deepEqual([pay.changeLeadTime.medianHours, pay.changeLeadTime.p90Hours], [2.5, 24]);
    assert.equal(pay.incidentsWithoutDeployment, 2);
  });

  it('answers null, not zero, for a period without production deployments', () => {
    const empty = computeDora2024({
      deployments,
      incidents,
      catalog,
      from: '2026-04-01T00:00:00.000Z',
      to: '2026-04-08T00:00:00.000Z',
      attributionWindowHours: 24,
    });
    assert.deepEqual(
      [empty.deploymentFrequency.perDay, empty.changeFailRate.rate, empty.deploymentReworkRate.rate],
      [null, null, null],
    );
    assert.equal(empty.deploymentFrequency.band, null);
    assert.deepEqual(empty.byService, []);
  });
});
