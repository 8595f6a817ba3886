import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { applyPolicy, applyRateCard } from '../../../src/app/governance/apply-governance-config.js';
import { recordDeployment } from '../../../src/app/governance/deployments/record-deployments.js';
import { importIncidents, recordIncident } from '../../../src/app/governance/deployments/record-incidents.js';
import { computeDoraReport } from '../../../src/app/governance/dora/compute-dora-report.js';
import { listIncidentCosts } from '../../../src/app/governance/incidents/list-incident-costs.js';
import type { Stores } from '../../../src/ports/stores.js';
import { expectRefusal } from '../../support/expect-refusal.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { CATALOG } from '../governance-fixtures.js';
import { openGovernanceTestStores } from '../governance-test-stores.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const catalog = {
  ...CATALOG,
  services: CATALOG.services.map((s) => (s.id === 'payments' ? { ...s, revenuePerOutageHour: '2000' } : s)),
};

/** Every incident as stored and the decision count: a refused input must leave both as they were. */
async function snapshot(stores: Stores) {
  return JSON.stringify({
    incidents: await stores.governance.incidents.listIncidents(),
    decisions: (await stores.governance.decisions.listDecisions()).length,
  });
}

const incident = {
  service: 'payments',
  environment: 'production',
  title: 'card payments failing',
  severity: 'sev1',
  startedAt: '2026-03-04T11:00:00Z',
  resolvedAt: '2026-03-04T12:45:00Z',
};

describe('incidents with cost, and the DORA 2024 report, through the use cases', () => {
  let stores: Awaited<ReturnType<typeof openGovernanceTestStores>>;
  before(async () => {
    stores = await openGovernanceTestStores(makeTempDir(), catalog);
    await applyRateCard(stores, fixture('rates.yaml'), 'rates.yaml', 'rm');
    await applyPolicy(stores, fixture('governance.yaml'), 'governance.yaml', 'rm');
    await recordDeployment(
      stores,
      {
        id: 'DEP-A',
        service: 'payments',
        version: 'v2.0.0',
        environment: 'production',
        committedAt: '2026-03-04T06:00:00Z',
        startedAt: '2026-03-04T10:00:00Z',
        finishedAt: '2026-03-04T10:30:00Z',
        outcome: 'succeeded',
        changeType: 'normal',
        triggeredBy: 'ci',
        pipelineMinutes: '20',
      },
      'ci',
    );
  });
  after(async () => {
    await stores.close();
  });

  it('records an incident with detection, responders, another service hit and SLA credits, audited', async () => {
    const recorded = await recordIncident(
      stores,
      {
        ...incident,
        id: 'PD-1',
        deploymentId: 'DEP-A',
        detectedAt: '2026-03-04T11:10:00Z',
        affectedServices: ['docs-site'],
        responders: [
          { role: 'engineer', hours: '3' },
          { role: 'cab-member', hours: '0.5' },
        ],
        slaCredits: '750',
      },
      'oncall',
    );
    assert.equal(recorded.detectedAt, '2026-03-04T11:10:00.000Z');
    assert.deepEqual(await stores.governance.incidents.getIncident('PD-1'), recorded);
    const decisions = await stores.governance.decisions.listDecisions();
    assert.equal(decisions.at(-1)?.subject, 'incident:PD-1');
  });

  it('costs it: responders at the rate card, 1.75 outage hours at 2000 for payments, the credits', async () => {
    const report = await listIncidentCosts(stores, { from: '2026-03-01', to: '2026-04-01' });
    assert.equal(report.currency, 'EUR');
    const [cost] = report.incidents;
    // 3 x 100 + 0.5 x 120 = 360; 1.75 x 2000 = 3500 (docs-site states no revenue); + 750
    assert.deepEqual(
      [cost!.responderCost, cost!.revenueImpact, cost!.slaCredits, cost!.total, cost!.hoursToDetect],
      ['360', '3500', '750', '4610', '0.1667'],
    );
    assert.deepEqual(cost!.missing, []);
    assert.deepEqual(report.totals, {
      incidents: 1,
      incomplete: 0,
      responderCost: '360',
      revenueImpact: '3500',
      slaCredits: '750',
      total: '4610',
    });
  });

  it('imports incidents with the same fields, all or none', async () => {
    const result = await importIncidents(
      stores,
      {
        incidents: [
          {
            id: 'PD-2',
            ...incident,
            startedAt: '2026-03-05T09:00:00Z',
            resolvedAt: undefined,
            responders: [{ role: 'engineer', hours: 1 }],
          },
        ],
      },
      'pagerduty',
      'export.json',
      'oncall',
    );
    assert.deepEqual(result, { recorded: 1, skipped: 0 });
    const costs = await listIncidentCosts(stores, {
      from: '2026-03-05',
      to: '2026-03-06',
      service: 'payments',
    });
    assert.deepEqual(costs.incidents[0]!.missing, [
      'The incident is not resolved; its outage hours and revenue impact are open.',
    ]);
    assert.equal(costs.totals.incomplete, 1);
  });

  it('refuses broken incidents with a clear message and records nothing', async () => {
    const broken: [Record<string, unknown>, string, RegExp][] = [
      [{ detectedAt: '2026-03-04T10:59:00Z' }, 'INCIDENT_BAD_DETECTION', /detection lies between them/],
      [{ detectedAt: '2026-03-04T13:00:00Z' }, 'INCIDENT_BAD_DETECTION', /outside its start/],
      [{ detectedAt: 'soon' }, 'INCIDENT_BAD_TIME', /not an ISO-8601 time/],
      [
        { responders: [{ role: 'engineer', hours: '-1' }] },
        'INCIDENT_BAD_RESPONDER',
        /non-negative hours, like sre:2.5/,
      ],
      [{ responders: [{ role: '', hours: '1' }] }, 'INCIDENT_BAD_RESPONDER', /rate card role/],
      [{ slaCredits: 'lots' }, 'INCIDENT_BAD_FIELD', /SLA credits 'lots'/],
      [{ slaCredits: '-5' }, 'INCIDENT_BAD_FIELD', /non-negative amount/],
      [{ affectedServices: ['ghost'] }, 'UNKNOWN_SERVICE', /no service 'ghost'/],
    ];
    for (const [change, code, message] of broken) {
      const before = await snapshot(stores);
      await expectRefusal(
        () => recordIncident(stores, { ...incident, id: 'PD-BAD', ...change }, 'oncall'),
        code,
        code === 'UNKNOWN_SERVICE' ? 'not-found' : 'invalid-input',
        message,
      );
      assert.equal(await snapshot(stores), before, `${code}: the store changed`);
    }
    const before = await snapshot(stores);
    await expectRefusal(
      () =>
        importIncidents(
          stores,
          {
            incidents: [
              { id: 'PD-3', ...incident },
              { id: 'PD-4', ...incident, responders: [{ role: 'engineer', hours: 'two' }] },
            ],
          },
          'pagerduty',
          'export.json',
          'oncall',
        ),
      'INCIDENT_BAD_RESPONDER',
      'invalid-input',
      /Responder 1/,
    );
    assert.equal(await snapshot(stores), before, 'a bad row in an import recorded nothing');
  });

  it('reports the five DORA metrics from the recorded incidents, per service and team', async () => {
    const report = await computeDoraReport(stores, { from: '2026-03-01', to: '2026-04-01' });
    assert.equal(report.deploymentFrequency.deployments, 1);
    assert.deepEqual(report.changeFailRate.failedDeploymentIds, ['DEP-A']);
    // PD-1 (linked) and PD-2 (open, attributed to DEP-A within 24 h): one failure, not yet recovered
    assert.deepEqual(report.failedDeploymentRecoveryTime.unrecoveredDeploymentIds, ['DEP-A']);
    assert.equal(report.changeLeadTime.medianHours, 4.5);
    assert.deepEqual(
      report.byTeam.map((t) => t.team),
      ['team-pay'],
    );
    const team = await computeDoraReport(stores, { from: '2026-03-01', to: '2026-04-01', team: 'team-web' });
    assert.equal(team.deploymentFrequency.deployments, 0);
    assert.equal(team.changeFailRate.rate, null);
  });

  it('refuses an unknown team or service and a bad period, naming the field as the caller does', async () => {
    await expectRefusal(
      () => computeDoraReport(stores, { team: 'ghost' }),
      'UNKNOWN_TEAM',
      'usage',
      /known teams: team-pay, team-web/,
    );
    await expectRefusal(
      () => computeDoraReport(stores, { service: 'ghost' }),
      'UNKNOWN_SERVICE',
      'usage',
      /no service 'ghost'/,
    );
    await expectRefusal(
      () => computeDoraReport(stores, { from: 'March' }, { from: '--from' }),
      'KPI_BAD_PERIOD',
      'usage',
      /--from 'March' is not a date/,
    );
    await expectRefusal(
      () => listIncidentCosts(stores, { from: '2026-04-01', to: '2026-03-01' }),
      'KPI_BAD_PERIOD',
      'usage',
      /start before it ends/,
    );
  });
});
