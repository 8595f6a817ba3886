import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Approval, CatalogAnswer, Change, Me } from '../../web/src/api-types.js';
import { describeRuleChanges } from '../../web/src/views/allocation-rule-diff.js';
import {
  statementCsv,
  statementLines,
  type TeamStatement,
} from '../../web/src/views/allocation-statement-file.js';
import {
  inScope,
  newestFirst,
  remainingKinds,
  servicesInScope,
  whyICannotDecide,
} from '../../web/src/views/approvals-scope.js';
import { auditFilterProblems, readAuditFilter, toAuditQuery } from '../../web/src/views/audit-filter.js';
import { defaultKpiPeriod } from '../../web/src/views/releases-period.js';

const me = (role: Me['role'], scopes: string[] = [], permissions: Me['permissions'] = []): Me => ({
  name: 'carla',
  role,
  scopes,
  tokenId: 't',
  permissions,
});

const catalog = {
  version: 1,
  contentHash: 'sha256:0',
  appliedAt: '2026-01-01T00:00:00.000Z',
  appliedBy: 'admin',
  catalog: {
    teams: [],
    costCentres: [],
    businessUnits: [],
    environments: [],
    services: [
      {
        id: 'auth-service',
        name: 'Auth',
        ownerTeam: 'identity',
        costCentre: 'c',
        criticality: 'critical',
        environments: [],
      },
      {
        id: 'payments-api',
        name: 'Payments',
        ownerTeam: 'payments',
        costCentre: 'c',
        criticality: 'high',
        environments: [],
      },
    ],
  },
} satisfies CatalogAnswer;

const change = (overrides: Partial<Change> = {}): Change => ({
  id: 'CHG-1',
  service: 'auth-service',
  environment: 'prod',
  changeType: 'normal',
  requestedBy: 'identity-dev',
  estimatedCost: '1200',
  status: 'open',
  createdAt: '2026-01-01T00:00:00.000Z',
  readyAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

const approval = (overrides: Partial<Approval> = {}): Approval => ({
  changeId: 'CHG-1',
  approver: 'carla',
  role: 'cab',
  kind: 'approval',
  decision: 'approve',
  at: '2026-01-02T00:00:00.000Z',
  ...overrides,
});

describe('governance view helpers (pure, run under Node)', () => {
  it('reads audit filters from the URL, sends whole UTC days (until inclusive), and explains bad ones', () => {
    const filter = readAuditFilter(
      '?view=audit&actor=user:carla&action=changes&since=2026-03-01&until=2026-03-31',
    );
    assert.deepEqual(filter, {
      actor: 'user:carla',
      action: 'changes',
      since: '2026-03-01',
      until: '2026-03-31',
    });
    assert.deepEqual(auditFilterProblems(filter), []);
    assert.deepEqual(toAuditQuery(filter), {
      actor: 'user:carla',
      action: 'changes',
      since: '2026-03-01T00:00:00.000Z',
      until: '2026-04-01T00:00:00.000Z',
    });
    assert.deepEqual(toAuditQuery(readAuditFilter('')), {
      actor: undefined,
      action: undefined,
      since: undefined,
      until: undefined,
    });
    const broken = readAuditFilter("?since=yesterday&until=2026-02-30' OR 1=1");
    const problems = auditFilterProblems(broken);
    assert.equal(problems.length, 2);
    assert.match(problems[0]!, /'From' must be a day such as/);
    assert.equal(toAuditQuery(broken).since, undefined, 'a bad day is never sent');
    assert.match(auditFilterProblems(readAuditFilter('?since=2026-05-02&until=2026-05-01'))[0]!, /swap them/);
    assert.match(auditFilterProblems(readAuditFilter('?until=2026-02-30'))[0]!, /'Until' must be a day/);
  });

  it('scopes approvers and budget owners to their teams; everyone else sees every service', () => {
    const scoped = servicesInScope(me('approver', ['identity']), catalog);
    assert.deepEqual([...(scoped ?? [])], ['auth-service']);
    assert.equal(inScope(scoped, change()), true);
    assert.equal(inScope(scoped, change({ service: 'payments-api' })), false);
    assert.deepEqual([...(servicesInScope(me('budget-owner', []), catalog) ?? ['x'])], []);
    assert.equal(servicesInScope(me('admin'), catalog), null);
    assert.equal(servicesInScope(me('viewer'), catalog), null);
  });

  it('says in plain words why I cannot decide, and which decisions I still have', () => {
    const approver = me('approver', ['identity'], ['approvals:decide']);
    assert.match(
      whyICannotDecide(me('viewer', [], ['governance:read']), change(), [])!,
      /not approve or reject/,
    );
    assert.match(whyICannotDecide(approver, change({ status: 'closed' }), [])!, /closed/);
    assert.match(whyICannotDecide(approver, change({ requestedBy: 'carla' }), [])!, /separation of duties/);
    assert.equal(whyICannotDecide(approver, change(), []), null);
    const asOwner = approval({ role: 'service-owner' });
    assert.deepEqual(remainingKinds([asOwner], approver), ['sign-off']);
    assert.equal(whyICannotDecide(approver, change(), [asOwner]), null, "the owner's sign-off is still open");
    assert.match(
      whyICannotDecide(approver, change(), [approval()])!,
      /already decided/,
      'a CAB member is done',
    );
    const both = [asOwner, approval({ kind: 'sign-off', role: 'service-owner' })];
    assert.match(whyICannotDecide(approver, change(), both)!, /already decided/);
    assert.deepEqual(remainingKinds([approval({ approver: 'dmitri' })], approver), ['approval', 'sign-off']);
  });

  it('lists changes newest first by ready time, then by number', () => {
    const changes = [
      change({ id: 'CHG-9', readyAt: '2026-01-01T00:00:00.000Z' }),
      change({ id: 'CHG-10', readyAt: '2026-01-01T00:00:00.000Z' }),
      change({ id: 'CHG-2', readyAt: '2026-02-01T00:00:00.000Z' }),
    ];
    assert.deepEqual(
      changes.sort(newestFirst).map((c) => c.id),
      ['CHG-2', 'CHG-10', 'CHG-9'],
    );
  });

  it('defaults the KPI period to the last 90 days, or to the 90 days up to the end of older data', () => {
    const now = new Date('2026-11-22T07:00:00Z');
    const recent = { from: '2026-08-25', to: '2026-11-23', note: null };
    assert.deepEqual(defaultKpiPeriod('2026-11', now), recent);
    assert.deepEqual(defaultKpiPeriod('2026-09', now), recent, 'data ending inside the window');
    assert.deepEqual(defaultKpiPeriod(null, now), recent, 'no data at all');
    const history = defaultKpiPeriod('2025-12', now);
    assert.equal(history.from, '2025-10-03');
    assert.equal(history.to, '2026-01-01');
    assert.match(history.note!, /end of 2025-12/);
  });

  it('writes a statement as CSV lines with exact amounts, in the CLI sections and order', () => {
    const statement: TeamStatement = {
      team: { id: 'payments', name: 'Payments', costCentre: 'cc-1', businessUnit: 'bu' },
      period: '2025-12',
      model: 'partial',
      subsidyPercent: '25',
      metric: 'effective',
      run: { id: 3, ruleSetVersion: 2, catalogVersion: 1, loadIds: [1], startedAt: '2026-01-01T00:00:00Z' },
      closed: false,
      conversion: null,
      currencies: [
        {
          currency: 'USD',
          direct: [
            {
              service: 'payments-api',
              provider: 'AWS',
              providerService: 'EC2',
              billedCost: '10.1234567890123456',
              effectiveCost: '9.5',
            },
          ],
          shared: [
            { ruleId: 'k8s', method: 'driver', driver: 'cpu-hours', billedCost: '4', effectiveCost: '4' },
          ],
          adjustments: [],
          credits: [{ provider: 'AWS', providerService: 'Credits', billedCost: '-1', effectiveCost: '-1' }],
          environments: [
            { environment: 'prod', billedCost: '13', effectiveCost: '12.4' },
            { environment: null, billedCost: '0.1234567890123456', effectiveCost: '0.1' },
          ],
          totals: {
            direct: { billedCost: '10.1234567890123456', effectiveCost: '9.5' },
            shared: { billedCost: '4', effectiveCost: '4' },
            adjustments: { billedCost: '0', effectiveCost: '0' },
            credits: { billedCost: '-1', effectiveCost: '-1' },
            total: { billedCost: '13.1234567890123456', effectiveCost: '12.5' },
          },
          recovery: { charged: '11.5', subsidised: '1' },
        },
      ],
    };
    assert.deepEqual(
      statementLines(statement).map((line) => line.section),
      [
        'direct',
        'shared',
        'credit',
        'environment',
        'environment',
        'total direct',
        'total shared',
        'total adjustments',
        'total credits',
        'total',
        'charged',
        'subsidised',
      ],
    );
    const csv = statementCsv(statement).split('\r\n');
    assert.equal(
      csv[0],
      'team,period,rule_set_version,section,currency,item,detail,billed_cost,effective_cost',
    );
    assert.equal(csv[1], 'payments,2025-12,2,direct,USD,payments-api,AWS EC2,10.1234567890123456,9.5');
    assert.equal(csv[2], 'payments,2025-12,2,shared,USD,k8s,driver by cpu-hours,4,4');
    assert.equal(csv[3], 'payments,2025-12,2,credit,USD,AWS,Credits,-1,-1');
    assert.equal(
      csv[5],
      'payments,2025-12,2,environment,USD,(no environment),of the total,0.1234567890123456,0.1',
    );
    assert.ok(csv.includes('payments,2025-12,2,charged,USD,partial,subsidy 25%,,11.5'));
  });

  it('names the fields of a rule that changed between versions', () => {
    const before = {
      position: 3,
      rule: { id: 'k8s', method: 'driver', driver: 'cpu-hours', targets: ['a', 'b'] },
    };
    const after = { position: 4, rule: { id: 'k8s', method: 'even', targets: ['a', 'b'] } };
    assert.deepEqual(describeRuleChanges(before, after), [
      'position: 3 → 4',
      'method: "driver" → "even"',
      'driver: "cpu-hours" → (none)',
    ]);
    assert.deepEqual(describeRuleChanges(null, after), [], 'an added rule is shown whole');
    assert.deepEqual(describeRuleChanges(before, before), []);
  });
});
