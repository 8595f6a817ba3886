import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Catalog } from '../../../src/core/catalog/catalog-model.js';
import type { IncidentRecord } from '../../../src/core/governance/deployments/incident-record.js';
import { computeIncidentCost } from '../../../src/core/governance/incidents/incident-cost.js';
import type { RateCard } from '../../../src/core/governance/releases/rate-card.js';

const catalog: Catalog = {
  businessUnits: [],
  costCentres: [],
  teams: [],
  services: [
    {
      id: 'payments',
      name: 'P',
      ownerTeam: 't',
      costCentre: 'c',
      criticality: 'high',
      environments: ['production'],
      revenuePerOutageHour: '1200',
    },
    {
      id: 'checkout',
      name: 'C',
      ownerTeam: 't',
      costCentre: 'c',
      criticality: 'high',
      environments: ['production'],
      revenuePerOutageHour: '300.50',
    },
    {
      id: 'docs-site',
      name: 'D',
      ownerTeam: 't',
      costCentre: 'c',
      criticality: 'low',
      environments: ['production'],
    },
  ],
  environments: [{ id: 'production', name: 'Production', production: true }],
};
const card: RateCard = {
  entries: [
    { role: 'sre', hourlyRate: '95.50', currency: 'EUR', effectiveFrom: '2026-01-01' },
    {
      role: 'engineer',
      hourlyRate: '80',
      currency: 'EUR',
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-02-28',
    },
    { role: 'engineer', hourlyRate: '85', currency: 'EUR', effectiveFrom: '2026-03-01' },
    { role: 'manager', hourlyRate: '120', currency: 'USD', effectiveFrom: '2026-01-01' },
  ],
};
const base: IncidentRecord = {
  id: 'INC-1',
  deliveryKey: 'cli:INC-1',
  source: 'cli',
  service: 'payments',
  environment: 'production',
  title: 'card payments down',
  severity: 'sev1',
  startedAt: '2026-03-02T11:00:00.000Z',
};

describe('incident cost', () => {
  it("adds responders at the rate card of the start date, each hit service's revenue per outage hour and SLA credits", () => {
    const cost = computeIncidentCost(
      {
        ...base,
        resolvedAt: '2026-03-02T12:30:00.000Z',
        detectedAt: '2026-03-02T11:20:00.000Z',
        affectedServices: ['checkout'],
        responders: [
          { role: 'sre', hours: '2.5' },
          { role: 'engineer', hours: '1' },
        ],
        slaCredits: '500',
      },
      catalog,
      card,
      'EUR',
    );
    // 2.5 x 95.50 + 1 x 85 (the March rate) = 323.75; 1.5 h x (1200 + 300.50) = 2250.75; + 500
    assert.equal(cost.responderCost, '323.75');
    assert.deepEqual(
      cost.responders.map((r) => [r.role, r.hourlyRate, r.cost]),
      [
        ['sre', '95.50', '238.75'],
        ['engineer', '85', '85'],
      ],
    );
    assert.equal(cost.outageHours, '1.5');
    assert.equal(cost.hoursToDetect, '0.3333');
    assert.equal(cost.revenueImpact, '2250.75');
    assert.equal(cost.slaCredits, '500');
    assert.equal(cost.total, '3074.5');
    assert.deepEqual(cost.missing, []);
  });

  it('prices a 20-minute outage exactly', () => {
    const cost = computeIncidentCost(
      { ...base, resolvedAt: '2026-03-02T11:20:00.000Z', responders: [{ role: 'sre', hours: '1' }] },
      catalog,
      card,
      'EUR',
    );
    assert.equal(cost.revenueImpact, '400');
    assert.equal(cost.total, '495.5');
  });

  it('names each part it cannot price instead of counting it as zero', () => {
    const cost = computeIncidentCost(
      {
        ...base,
        resolvedAt: '2026-03-02T12:00:00.000Z',
        responders: [
          { role: 'manager', hours: '1' },
          { role: 'dba', hours: '2' },
        ],
      },
      catalog,
      card,
      'EUR',
    );
    assert.equal(cost.responderCost, null);
    assert.equal(cost.total, '1200');
    assert.equal(cost.missing.length, 2);
    assert.match(cost.missing[0]!, /'manager' is priced in USD, not EUR/);
    assert.match(cost.missing[1]!, /no rate for role 'dba' on 2026-03-02/);
  });

  it('has no total at all for an open incident with nothing recorded', () => {
    const cost = computeIncidentCost({ ...base, service: 'docs-site' }, catalog, undefined, 'EUR');
    assert.deepEqual(
      [cost.total, cost.responderCost, cost.revenueImpact, cost.outageHours, cost.slaCredits],
      [null, null, null, null, null],
    );
    assert.deepEqual(cost.missing, [
      'No responder time is recorded; record responders as role:hours.',
      'The incident is not resolved; its outage hours and revenue impact are open.',
    ]);
  });

  it('says when the catalogue states no revenue per outage hour', () => {
    const cost = computeIncidentCost(
      { ...base, service: 'docs-site', resolvedAt: '2026-03-02T12:00:00.000Z', slaCredits: '10' },
      catalog,
      card,
      'EUR',
    );
    assert.equal(cost.revenueImpact, null);
    assert.equal(cost.total, '10');
    assert.match(cost.missing[1]!, /no revenue per outage hour for docs-site/);
  });
});
