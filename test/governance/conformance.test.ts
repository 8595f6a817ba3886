import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { applyPolicy, applyRateCard } from '../../src/app/governance/apply-governance-config.js';
import { reportConformance } from '../../src/app/governance/conformance/report-conformance.js';
import { recordDeployment } from '../../src/app/governance/deployments/record-deployments.js';
import { gateDeployment } from '../../src/app/governance/gate/gate-deployment.js';
import type { ApprovalRecord, ChangeRequest } from '../../src/core/governance/changes/change-request.js';
import {
  type ConformanceDeployment,
  type ConformanceInput,
  checkConformance,
} from '../../src/core/governance/conformance/conformance-findings.js';
import { summariseConformance } from '../../src/core/governance/conformance/conformance-summary.js';
import { Decimal } from '../../src/core/money.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { makeTempDir } from '../support/temp-dir.js';
import { openGovernanceTestStores } from './governance-test-stores.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const cost = (total: string) => ({ total }) as unknown as ConformanceDeployment['cost'];

function deployment(id: string, overrides: Partial<ConformanceDeployment>): ConformanceDeployment {
  return {
    id,
    deliveryKey: id,
    source: 'cli',
    service: 'payments',
    version: 'v1',
    environment: 'production',
    // Wednesday 10:00 UTC: inside the Mon-Thu 09-16 window.
    startedAt: '2026-03-04T10:00:00.000Z',
    finishedAt: '2026-03-04T10:30:00.000Z',
    outcome: 'succeeded',
    changeType: 'normal',
    changeRequestId: 'CHG-1',
    triggeredBy: 'ci',
    pipelineMinutes: '10',
    cost: cost('100'),
    ...overrides,
  };
}

const change: ChangeRequest = {
  id: 'CHG-1',
  service: 'payments',
  environment: 'production',
  changeType: 'normal',
  requestedBy: 'dev',
  estimatedCost: '100',
  status: 'open',
  createdAt: '2026-03-01T00:00:00Z',
  readyAt: '2026-03-01T00:00:00Z',
};
const approval = (at: string): ApprovalRecord => ({
  changeId: 'CHG-1',
  approver: 'cathy',
  role: 'cab',
  kind: 'approval',
  decision: 'approve',
  at,
});

function input(
  deployments: ConformanceDeployment[],
  overrides: Partial<ConformanceInput> = {},
): ConformanceInput {
  return {
    deployments,
    governed: new Set(['production']),
    changes: new Map([['CHG-1', change]]),
    approvals: new Map([['CHG-1', [approval('2026-03-03T09:00:00Z')]]]),
    gateAnswers: [
      {
        service: 'payments',
        environment: 'production',
        version: null,
        at: '2026-03-04T09:50:00Z',
        decision: 'allow',
      },
    ],
    windows: [{ environment: 'production', cron: '* 9-16 * * 1-4' }],
    timeZone: 'UTC',
    freezes: [],
    breakGlass: [],
    gateLookbackHours: 24,
    ...overrides,
  };
}

describe('checkConformance and summariseConformance (pure)', () => {
  it('a deployment that followed the process has no finding; staging is not governed', () => {
    assert.deepEqual(checkConformance(input([deployment('D1', {})])), []);
    assert.deepEqual(
      checkConformance(input([deployment('D2', { environment: 'staging', changeRequestId: undefined })])),
      [],
    );
  });

  it('finds each breach, hand-checked', () => {
    const findings = checkConformance(
      input(
        [
          // No change request on a normal change; standard changes need none.
          deployment('NOCHG', { changeRequestId: undefined }),
          deployment('STD', { changeRequestId: undefined, changeType: 'standard' }),
          // Saturday 22:00: outside the window; and the gate's 09:50 Wednesday answer is too old.
          deployment('SAT', {
            startedAt: '2026-03-07T22:00:00.000Z',
            finishedAt: '2026-03-07T22:10:00.000Z',
          }),
          // The gate said deny for v9 just before; deployed anyway.
          deployment('DENIED', { version: 'v9' }),
          // Approved an hour after it started.
          deployment('LATE', { changeRequestId: 'CHG-2' }),
          // In a freeze, and an emergency.
          deployment('FROZEN', {
            startedAt: '2026-03-05T10:00:00.000Z',
            changeType: 'emergency',
            cost: cost('250.5'),
          }),
        ],
        {
          changes: new Map([
            ['CHG-1', change],
            ['CHG-2', { ...change, id: 'CHG-2' }],
          ]),
          approvals: new Map([
            ['CHG-1', [approval('2026-03-03T09:00:00Z')]],
            ['CHG-2', [{ ...approval('2026-03-04T11:00:00Z'), changeId: 'CHG-2' }]],
          ]),
          gateAnswers: [
            {
              service: 'payments',
              environment: 'production',
              version: null,
              at: '2026-03-04T09:50:00Z',
              decision: 'allow',
            },
            {
              service: 'payments',
              environment: 'production',
              version: 'v9',
              at: '2026-03-04T09:55:00Z',
              decision: 'deny',
            },
            {
              service: 'payments',
              environment: 'production',
              version: null,
              at: '2026-03-05T09:00:00Z',
              decision: 'allow',
            },
          ],
          freezes: [
            {
              id: 'F1',
              environment: 'production',
              from: '2026-03-05T00:00:00Z',
              until: '2026-03-06T00:00:00Z',
              reason: 'move',
              createdBy: 'rm',
              createdAt: '2026-03-01T00:00:00Z',
            },
          ],
        },
      ),
    );
    assert.deepEqual(
      findings.map((f) => [f.deploymentId, f.checks]),
      [
        ['NOCHG', ['no-change']],
        ['SAT', ['no-gate-decision', 'outside-window']],
        ['DENIED', ['deployed-after-deny']],
        ['LATE', ['approved-after-deployment']],
        ['FROZEN', ['in-freeze', 'emergency']],
      ],
    );
    assert.equal(findings.at(-1)!.cost, '250.5');
  });

  it('break-glass covers a window or freeze breach', () => {
    const findings = checkConformance(
      input([deployment('SAT', { startedAt: '2026-03-07T22:00:00.000Z' })], {
        gateAnswers: [
          {
            service: 'payments',
            environment: 'production',
            version: null,
            at: '2026-03-07T21:50:00Z',
            decision: 'allow',
          },
        ],
        breakGlass: [
          {
            id: 'BG1',
            environment: 'production',
            service: 'payments',
            by: 'oncall',
            reason: 'outage',
            from: '2026-03-07T21:00:00Z',
            until: '2026-03-07T23:00:00Z',
            createdAt: '2026-03-07T21:00:00Z',
          },
        ],
      }),
    );
    assert.deepEqual(findings, []);
  });

  it('sums by team and month: emergencies are listed but not breaches', () => {
    const governed = [
      { service: 'payments', startedAt: '2026-03-04T10:00:00Z' },
      { service: 'payments', startedAt: '2026-03-05T10:00:00Z' },
      { service: 'web', startedAt: '2026-04-01T10:00:00Z' },
    ];
    const base = {
      service: 'payments',
      environment: 'production',
      version: 'v1',
      changeType: 'normal',
      changeId: null,
    };
    const rows = summariseConformance(
      governed,
      [
        {
          ...base,
          deploymentId: 'A',
          startedAt: '2026-03-04T10:00:00Z',
          checks: ['no-change', 'outside-window'],
          cost: '10.25',
        },
        { ...base, deploymentId: 'B', startedAt: '2026-03-05T10:00:00Z', checks: ['emergency'], cost: '5' },
      ],
      (service) => (service === 'payments' ? 'team-pay' : 'team-web'),
    );
    assert.deepEqual(
      rows.map((r) => [r.period, r.team, r.deployments, r.breaches, r.breachCost]),
      [
        ['2026-03', 'team-pay', 2, 1, '10.25'],
        ['2026-04', 'team-web', 1, 0, '0'],
      ],
    );
    assert.deepEqual(rows[0]!.checks['no-change'], { count: 1, cost: '10.25' });
    assert.deepEqual(rows[0]!.checks.emergency, { count: 1, cost: '5' });
  });
});

describe('reportConformance on a real DuckDB file', () => {
  let stores: Awaited<ReturnType<typeof openGovernanceTestStores>>;
  before(async () => {
    stores = await openGovernanceTestStores(makeTempDir());
    await applyRateCard(stores, fixture('rates.yaml'), 'rates.yaml', 'rm');
    await applyPolicy(stores, fixture('governance.yaml'), 'governance.yaml', 'rm');
  });
  after(async () => {
    await stores.close();
  });

  it('reads deployments and the gate log; sums by team and month with cost', async () => {
    const base = {
      service: 'payments',
      version: 'v2',
      environment: 'production',
      outcome: 'succeeded' as const,
      triggeredBy: 'ci',
      pipelineMinutes: '10',
    };
    // Asked the gate: a standard change with no release budget is denied (whenNoBudget: deny),
    // and deployed anyway.
    const denied = await gateDeployment(stores, {
      service: 'payments',
      environment: 'production',
      changeType: 'standard',
      estimate: '50',
      version: 'v2',
      at: '2026-03-04T09:55:00Z',
      actor: 'ci',
    });
    assert.equal(denied.decision, 'deny');
    const afterDeny = await recordDeployment(
      stores,
      {
        ...base,
        changeType: 'standard',
        startedAt: '2026-03-04T10:00:00Z',
        finishedAt: '2026-03-04T10:20:00Z',
      },
      'ci',
    );
    // A Saturday-night emergency with no change request and no gate decision.
    const saturday = await recordDeployment(
      stores,
      {
        ...base,
        version: 'v3',
        changeType: 'emergency',
        startedAt: '2026-03-07T22:00:00Z',
        finishedAt: '2026-03-07T22:30:00Z',
      },
      'ci',
    );
    // Staging is not governed.
    await recordDeployment(
      stores,
      {
        ...base,
        environment: 'staging',
        changeType: 'normal',
        startedAt: '2026-03-07T22:00:00Z',
        finishedAt: '2026-03-07T22:30:00Z',
      },
      'ci',
    );
    const report = await reportConformance(stores, { from: '2026-03-01', to: '2026-04-01' });
    assert.deepEqual(report.governedEnvironments, ['production']);
    assert.equal(report.deployments, 2);
    assert.deepEqual(
      report.findings.map((f) => [f.version, f.checks]),
      [
        ['v2', ['deployed-after-deny']],
        ['v3', ['no-change', 'no-gate-decision', 'outside-window', 'emergency']],
      ],
    );
    assert.equal(report.breaches, 2);
    assert.equal(
      report.breachCost,
      new Decimal(saturday.deployment.cost.total).plus(afterDeny.deployment.cost.total).toString(),
    );
    assert.deepEqual(
      report.rows.map((r) => [r.period, r.team, r.deployments, r.breaches, r.checks.emergency.count]),
      [['2026-03', 'team-pay', 2, 2, 1]],
    );
    const web = await reportConformance(stores, { from: '2026-03-01', to: '2026-04-01', team: 'team-web' });
    assert.equal(web.deployments, 0);
    assert.deepEqual(web.rows, []);
  });

  it('refuses a broken period or an unknown team with a clear message', async () => {
    await expectRefusal(
      () => reportConformance(stores, { from: 'yesterday', to: '2026-04-01' }),
      'CONFORMANCE_BAD_PERIOD',
      'usage',
      /from 'yesterday' is not a time/,
    );
    await expectRefusal(
      () =>
        reportConformance(stores, { from: '2026-04-01', to: '2026-03-01' }, { from: '--from', to: '--to' }),
      'CONFORMANCE_BAD_PERIOD',
      'usage',
      /--from \(2026-04-01\) must come before --to/,
    );
    await expectRefusal(
      () => reportConformance(stores, { from: '2026-03-01', to: '2026-04-01', team: 'nobody' }),
      'UNKNOWN_TEAM',
      'usage',
      /known teams: /,
    );
  });
});
