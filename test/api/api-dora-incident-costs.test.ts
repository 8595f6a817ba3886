import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeDoraReport } from '../../src/app/governance/dora/compute-dora-report.js';
import { listIncidentCosts } from '../../src/app/governance/incidents/list-incident-costs.js';
import { demoGovernanceOf } from '../support/demo-governance-db.js';
import { startApi } from './api-harness.js';

/** Eight weeks of the demo organisation's releases, deployments and incidents with their cost. */
const prepareDemoGovernance = demoGovernanceOf(8);

const PERIOD = { from: '2025-01-01', to: '2025-03-01' };

describe('GET /api/v1/dora and /api/v1/incidents/costs, POST /api/v1/incidents with cost', async () => {
  const api = await startApi({}, {}, prepareDemoGovernance);

  it('answers the DORA 2024 report as tollgate dora computes it, for any reader', async () => {
    const { status, body } = await api.json(`/api/v1/dora?from=${PERIOD.from}&to=${PERIOD.to}`, {
      role: 'viewer',
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(body, JSON.parse(JSON.stringify(await computeDoraReport(api.stores, PERIOD))));
    assert.equal(body.version, 'tollgate-dora-2024.1');
    assert.ok(body.deploymentFrequency.deployments > 100);
    assert.ok(body.byTeam.length > 5);
    const team = await api.json(`/api/v1/dora?from=${PERIOD.from}&to=${PERIOD.to}&team=payments`);
    assert.deepEqual(
      team.body.byTeam.map((t: { team: string }) => t.team),
      ['payments'],
    );
  });

  it('answers what the demo incidents cost, with responders at the rate card and missing parts named', async () => {
    const { status, body } = await api.json(`/api/v1/incidents/costs?from=${PERIOD.from}&to=${PERIOD.to}`);
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(body, JSON.parse(JSON.stringify(await listIncidentCosts(api.stores, PERIOD))));
    assert.equal(body.currency, 'USD');
    assert.ok(body.totals.incidents > 0);
    assert.ok(body.incidents.every((i: { responderCost: string | null }) => i.responderCost !== null));
    assert.match(body.totals.total, /^\d+(\.\d+)?$/);
  });

  it('records an incident with detection, responders and credits (audited), and refuses a broken one with 4xx, changing nothing', async () => {
    const send = (body: unknown) =>
      api.json('/api/v1/incidents', {
        role: 'finance-admin',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const incident = {
      id: 'PD-9001',
      source: 'pagerduty',
      service: 'checkout-api',
      environment: 'prod',
      severity: 'sev1',
      startedAt: '2025-02-20T10:00:00Z',
      resolvedAt: '2025-02-20T11:30:00Z',
    };
    const before = await api.stores.governance.incidents.listIncidents();
    const refusals: [unknown, number, string][] = [
      [{ ...incident, detectedAt: '2025-02-20T09:00:00Z' }, 422, 'INCIDENT_BAD_DETECTION'],
      [{ ...incident, responders: [{ role: 'sre', hours: 'two' }] }, 422, 'INCIDENT_BAD_RESPONDER'],
      [{ ...incident, slaCredits: '-1' }, 422, 'INCIDENT_BAD_FIELD'],
      [{ ...incident, affectedServices: ['ghost'] }, 404, 'UNKNOWN_SERVICE'],
      [{ ...incident, responders: [{ role: 'sre' }] }, 400, 'REQUEST_INVALID'],
    ];
    for (const [body, status, code] of refusals) {
      const answer = await send(body);
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, code);
    }
    assert.deepEqual(await api.stores.governance.incidents.listIncidents(), before);
    const answer = await send({
      ...incident,
      detectedAt: '2025-02-20T10:05:00Z',
      affectedServices: ['payments-api'],
      responders: [{ role: 'sre', hours: '2' }],
      slaCredits: '1000',
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const costs = await api.json(
      '/api/v1/incidents/costs?from=2025-02-20&to=2025-02-21&service=checkout-api',
    );
    const cost = costs.body.incidents.find((i: { incidentId: string }) => i.incidentId === 'PD-9001');
    // sre 2 h at the demo card's rate that day; 1.5 h x (6500 + 4800) = 16950; + 1000
    assert.equal(cost.revenueImpact, '16950');
    assert.equal(cost.slaCredits, '1000');
    assert.equal(cost.total, String(Number(cost.responderCost) + 16950 + 1000));
    const audit = await api.stores.access.audit.listEntries({ action: 'incidents.record' });
    assert.equal(audit.at(-1)?.target, 'incident:PD-9001');
  });

  it('refuses a bad period, an unknown team and an unknown query field with 400 and a stable code', async () => {
    const cases: [string, string][] = [
      ['/api/v1/dora?from=March', 'KPI_BAD_PERIOD'],
      ['/api/v1/dora?team=ghost', 'UNKNOWN_TEAM'],
      ['/api/v1/dora?colour=blue', 'REQUEST_INVALID'],
      ['/api/v1/incidents/costs?service=ghost', 'UNKNOWN_SERVICE'],
      ['/api/v1/incidents/costs?from=2025-03-01&to=2025-01-01', 'KPI_BAD_PERIOD'],
    ];
    for (const [path, code] of cases) {
      const answer = await api.json(path);
      assert.equal(answer.status, 400, `${path}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, code);
    }
  });
});
