import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApprovalRecord, ChangeRequest } from '../../src/core/governance/changes/change-request.js';
import { decideDeployment, type GateInput } from '../../src/core/governance/gate/decide-deployment.js';
import type { BreakGlass, Freeze } from '../../src/core/governance/gate/deployment-calendar.js';
import { renderGateMarkdown } from '../../src/core/governance/gate/render-gate-markdown.js';
import { CATALOG, makePolicy } from './governance-fixtures.js';

const WEDNESDAY_10 = '2026-03-04T10:00:00Z';
const FRIDAY_10 = '2026-03-06T10:00:00Z';

function change(overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    id: 'CHG-1',
    service: 'docs-site',
    environment: 'production',
    changeType: 'normal',
    releaseId: 'R1',
    requestedBy: 'dev',
    estimatedCost: '400',
    status: 'open',
    createdAt: '2026-03-01T09:00:00Z',
    readyAt: '2026-03-01T09:00:00Z',
    ...overrides,
  };
}

function approval(approver: string, role: string, extra: Partial<ApprovalRecord> = {}): ApprovalRecord {
  return {
    changeId: 'CHG-1',
    approver,
    role,
    kind: 'approval',
    decision: 'approve',
    at: '2026-03-02T09:00:00Z',
    ...extra,
  };
}

const signOff = (approver = 'sam') => approval(approver, 'service-owner', { kind: 'sign-off' });
const normalApprovals = [
  approval('sam', 'service-owner'),
  approval('carl', 'cab'),
  approval('cathy', 'cab'),
  signOff(),
];

function input(overrides: Partial<GateInput> = {}): GateInput {
  const serviceId = overrides.change?.service ?? 'docs-site';
  return {
    at: WEDNESDAY_10,
    service: CATALOG.services.find((s) => s.id === serviceId)!,
    environment: CATALOG.environments.find((e) => e.id === 'production')!,
    changeType: 'normal',
    policy: makePolicy(),
    release: {
      id: 'R1',
      status: 'open',
      currency: 'EUR',
      budget: '10000',
      spent: '6000',
      spendClass: 'opex',
    },
    change: change(),
    approvals: normalApprovals,
    freezes: [],
    breakGlass: [],
    ...overrides,
  };
}

const yearEndFreeze: Freeze = {
  id: 'FRZ-1',
  environment: 'production',
  cron: '* * 20-31 12 *',
  reason: 'year-end freeze',
  createdBy: 'rm',
  createdAt: '2026-11-01T00:00:00Z',
};
const oneOffFreeze: Freeze = {
  id: 'FRZ-2',
  environment: '*',
  from: '2026-03-04T00:00:00.000Z',
  until: '2026-03-05T00:00:00.000Z',
  reason: 'data-centre move',
  createdBy: 'rm',
  createdAt: '2026-03-01T00:00:00Z',
};
const glass = (overrides: Partial<BreakGlass> = {}): BreakGlass => ({
  id: 'BG-1',
  environment: 'production',
  by: 'oncall',
  reason: 'payment outage',
  from: '2026-03-04T09:00:00.000Z',
  until: '2026-03-04T12:00:00.000Z',
  createdAt: '2026-03-04T09:00:00Z',
  ...overrides,
});

interface Row {
  name: string;
  input: GateInput;
  decision: 'allow' | 'deny';
  failing: string[];
  detail?: [string, RegExp];
}

const rows: Row[] = [
  {
    name: 'normal change, fully approved, within budget and window',
    input: input(),
    decision: 'allow',
    failing: [],
  },
  {
    name: 'budget headroom is shown with the numbers',
    input: input(),
    decision: 'allow',
    failing: [],
    detail: ['budget', /budget 10000\.00 EUR, spent 6000\.00, this change 400\.00, headroom 3600\.00/],
  },
  {
    name: 'standard change within its limit and budget is pre-approved',
    input: input({ changeType: 'standard', change: undefined, approvals: [], estimatedCost: '300' }),
    decision: 'allow',
    failing: [],
    detail: ['approvals', /pre-approved/],
  },
  {
    name: 'standard change above its cost limit is denied',
    input: input({ changeType: 'standard', change: undefined, approvals: [], estimatedCost: '1500' }),
    decision: 'deny',
    failing: ['change-model'],
  },
  {
    name: 'standard change over budget is denied (pre-approval holds only within budget)',
    input: input({
      changeType: 'standard',
      change: undefined,
      approvals: [],
      estimatedCost: '900',
      release: {
        id: 'R1',
        status: 'open',
        currency: 'EUR',
        budget: '1000',
        spent: '500',
        spendClass: 'opex',
      },
    }),
    decision: 'deny',
    failing: ['budget'],
  },
  {
    name: 'no budget configured: the normal model says deny',
    input: input({ release: { id: 'R1', status: 'open', currency: 'EUR', spent: '0', spendClass: 'opex' } }),
    decision: 'deny',
    failing: ['budget'],
    detail: ['budget', /No budget is configured for release R1; the normal change model says deny/],
  },
  {
    name: 'no budget configured: the emergency model says allow',
    input: input({
      changeType: 'emergency',
      change: change({ changeType: 'emergency' }),
      release: undefined,
      approvals: [approval('sam', 'service-owner')],
    }),
    decision: 'allow',
    failing: [],
    detail: [
      'budget',
      /No budget is configured for this deployment \(no release given\); the emergency change model says allow/,
    ],
  },
  {
    name: 'missing CAB approval: one of two present',
    input: input({ approvals: [approval('sam', 'service-owner'), approval('carl', 'cab'), signOff()] }),
    decision: 'deny',
    failing: ['approvals'],
    detail: ['approvals', /cab 1\/2 of 3 \(carl\), missing 1/],
  },
  {
    name: 'quorum on a critical service rises to 3 of 3 CAB',
    input: input({
      change: change({ service: 'payments' }),
      approvals: [
        approval('olivia', 'service-owner'),
        approval('carl', 'cab'),
        approval('cathy', 'cab'),
        signOff('olivia'),
      ],
    }),
    decision: 'deny',
    failing: ['approvals'],
    detail: ['approvals', /cab 2\/3 of 3/],
  },
  {
    name: 'critical service with 3 of 3 CAB passes',
    input: input({
      change: change({ service: 'payments' }),
      approvals: [
        approval('olivia', 'service-owner'),
        approval('carl', 'cab'),
        approval('cathy', 'cab'),
        approval('chen', 'cab'),
        signOff('olivia'),
      ],
    }),
    decision: 'allow',
    failing: [],
  },
  {
    name: 'separation of duties: the requester’s own approval does not count',
    input: input({ change: change({ requestedBy: 'carl' }) }),
    decision: 'deny',
    failing: ['approvals'],
    detail: ['approvals', /cab 1\/2 of 2 \(cathy\)/],
  },
  {
    name: 'approval by someone without the role does not count',
    input: input({
      approvals: [
        approval('sam', 'service-owner'),
        approval('carl', 'cab'),
        approval('mallory', 'cab'),
        signOff(),
      ],
    }),
    decision: 'deny',
    failing: ['approvals'],
  },
  {
    name: 'a rejection denies',
    input: input({ approvals: [...normalApprovals, approval('chen', 'cab', { decision: 'reject' })] }),
    decision: 'deny',
    failing: ['approvals'],
    detail: ['approvals', /Rejected by chen/],
  },
  {
    name: 'approvals needed but no change request',
    input: input({ change: undefined, approvals: [] }),
    decision: 'deny',
    failing: ['approvals', 'sign-off'],
    detail: ['approvals', /no change request/],
  },
  {
    name: 'large change needs finance',
    input: input({
      estimatedCost: '6000',
      release: { id: 'R1', status: 'open', currency: 'EUR', budget: '20000', spent: '0', spendClass: 'opex' },
    }),
    decision: 'deny',
    failing: ['approvals'],
    detail: ['approvals', /finance 0\/1 of 1, missing 1/],
  },
  {
    name: 'capex release needs finance',
    input: input({
      release: {
        id: 'R1',
        status: 'open',
        currency: 'EUR',
        budget: '10000',
        spent: '0',
        spendClass: 'capex',
      },
    }),
    decision: 'deny',
    failing: ['approvals'],
  },
  {
    name: 'capex release with finance approval passes',
    input: input({
      release: {
        id: 'R1',
        status: 'open',
        currency: 'EUR',
        budget: '10000',
        spent: '0',
        spendClass: 'capex',
      },
      approvals: [...normalApprovals, approval('fiona', 'finance')],
    }),
    decision: 'allow',
    failing: [],
  },
  {
    name: 'small overrun: the budget owner must approve',
    input: input({
      release: {
        id: 'R1',
        status: 'open',
        currency: 'EUR',
        budget: '10000',
        spent: '9700',
        spendClass: 'opex',
      },
    }),
    decision: 'deny',
    failing: ['approvals'],
    detail: ['budget', /Over budget by 100\.00 \(1\.0%\)/],
  },
  {
    name: 'small overrun approved by the budget owner passes',
    input: input({
      release: {
        id: 'R1',
        status: 'open',
        currency: 'EUR',
        budget: '10000',
        spent: '9700',
        spendClass: 'opex',
      },
      approvals: [...normalApprovals, approval('bea', 'budget-owner')],
    }),
    decision: 'allow',
    failing: [],
  },
  {
    name: 'overrun above 10% also needs the executive',
    input: input({
      release: {
        id: 'R1',
        status: 'open',
        currency: 'EUR',
        budget: '1000',
        spent: '800',
        spendClass: 'opex',
      },
      approvals: [...normalApprovals, approval('bea', 'budget-owner')],
    }),
    decision: 'deny',
    failing: ['approvals'],
    detail: ['approvals', /executive 0\/1/],
  },
  {
    name: 'financial sign-off missing before production',
    input: input({ approvals: normalApprovals.filter((a) => a.kind === 'approval') }),
    decision: 'deny',
    failing: ['sign-off'],
  },
  {
    name: 'no sign-off needed in staging',
    input: input({
      environment: CATALOG.environments.find((e) => e.id === 'staging')!,
      approvals: normalApprovals.filter((a) => a.kind === 'approval'),
    }),
    decision: 'allow',
    failing: [],
  },
  {
    name: 'emergency above the threshold needs the executive and a post-implementation review',
    input: input({
      changeType: 'emergency',
      change: change({ changeType: 'emergency', estimatedCost: '2500' }),
      approvals: [approval('sam', 'service-owner')],
    }),
    decision: 'deny',
    failing: ['approvals'],
    detail: ['post-implementation-review', /required/],
  },
  {
    name: 'emergency above the threshold with the executive passes',
    input: input({
      changeType: 'emergency',
      change: change({ changeType: 'emergency', estimatedCost: '2500' }),
      approvals: [approval('sam', 'service-owner'), approval('eve', 'executive')],
    }),
    decision: 'allow',
    failing: [],
  },
  {
    name: 'outside the window without justification is denied with the next opening',
    input: input({ at: FRIDAY_10 }),
    decision: 'deny',
    failing: ['window'],
    detail: ['window', /next opening 2026-03-09T09:00:00.000Z/],
  },
  {
    name: 'out of cycle, justified: cost of delay exceeds the expedite cost',
    input: input({
      at: FRIDAY_10,
      change: change({
        justification: { reason: 'regulatory deadline', expediteCost: '500', costOfDelayPerWeek: '5040' },
      }),
    }),
    decision: 'allow',
    failing: [],
    detail: [
      'window',
      /waiting 71 h costs 2130\.00 EUR of delay, expediting costs 500\.00; net 1630\.00 — justified/,
    ],
  },
  {
    name: 'out of cycle, not justified: expediting costs more than waiting',
    input: input({
      at: FRIDAY_10,
      change: change({
        justification: { reason: 'nice to have', expediteCost: '5000', costOfDelayPerWeek: '168' },
      }),
    }),
    decision: 'deny',
    failing: ['window'],
  },
  {
    name: 'outside the window with break-glass passes',
    input: input({
      at: FRIDAY_10,
      breakGlass: [glass({ from: '2026-03-06T09:00:00Z', until: '2026-03-06T11:00:00Z' })],
    }),
    decision: 'allow',
    failing: [],
  },
  {
    name: 'recurring year-end freeze denies',
    input: input({ at: '2026-12-22T10:00:00Z', freezes: [yearEndFreeze] }),
    decision: 'deny',
    failing: ['freeze'],
    detail: ['freeze', /FRZ-1 \(year-end freeze\)/],
  },
  {
    name: 'one-off freeze on all environments denies',
    input: input({ freezes: [oneOffFreeze] }),
    decision: 'deny',
    failing: ['freeze'],
  },
  {
    name: 'freeze on another environment does not apply',
    input: input({ freezes: [{ ...oneOffFreeze, environment: 'staging' }] }),
    decision: 'allow',
    failing: [],
  },
  {
    name: 'break-glass passes a freeze and says who and why',
    input: input({ freezes: [oneOffFreeze], breakGlass: [glass()] }),
    decision: 'allow',
    failing: [],
    detail: ['freeze', /break-glass by oncall until 2026-03-04T12:00:00.000Z: payment outage/],
  },
  {
    name: 'expired break-glass does not pass a freeze',
    input: input({
      freezes: [oneOffFreeze],
      breakGlass: [glass({ from: '2026-03-04T06:00:00Z', until: '2026-03-04T08:00:00Z' })],
    }),
    decision: 'deny',
    failing: ['freeze'],
  },
  {
    name: 'break-glass for another service does not pass',
    input: input({ freezes: [oneOffFreeze], breakGlass: [glass({ service: 'payments' })] }),
    decision: 'deny',
    failing: ['freeze'],
  },
  {
    name: 'closed release denies',
    input: input({
      release: {
        id: 'R1',
        status: 'closed',
        currency: 'EUR',
        budget: '10000',
        spent: '0',
        spendClass: 'opex',
      },
    }),
    decision: 'deny',
    failing: ['release'],
  },
  {
    name: 'rejected change request denies',
    input: input({ change: change({ status: 'rejected' }) }),
    decision: 'deny',
    failing: ['change-request'],
  },
  {
    name: 'every failing check is reported, not just the first',
    input: input({ at: '2026-12-22T10:00:00Z', freezes: [yearEndFreeze], approvals: [] }),
    decision: 'deny',
    failing: ['approvals', 'sign-off', 'freeze'],
  },
];

describe('decideDeployment (the gate)', () => {
  for (const row of rows) {
    it(row.name, () => {
      const result = decideDeployment(row.input);
      const failing = result.reasons.filter((reason) => !reason.ok).map((reason) => reason.check);
      assert.deepEqual(failing, row.failing, JSON.stringify(result.reasons, null, 1));
      assert.equal(result.decision, row.decision);
      if (row.detail) {
        const reason = result.reasons.find((r) => r.check === row.detail![0]);
        assert.ok(reason, `no ${row.detail[0]} reason`);
        assert.match(reason.detail, row.detail[1]);
      }
    });
  }

  it('reports every check it ran, each with a detail', () => {
    const result = decideDeployment(input());
    assert.deepEqual(
      result.reasons.map((r) => r.check),
      ['change-model', 'release', 'change-request', 'budget', 'approvals', 'sign-off', 'window', 'freeze'],
    );
    assert.equal(result.budget.headroom, '3600');
    assert.ok(result.reasons.every((r) => r.detail.length > 10));
  });

  it('renders a markdown comment with one row per check', () => {
    const markdown = renderGateMarkdown(decideDeployment(input({ at: FRIDAY_10 })));
    assert.match(markdown, /^### ⛔ Tollgate: deployment denied/);
    assert.match(markdown, /\| window \| ❌ \|/);
    assert.match(markdown, /\| budget \| ✅ \|/);
  });
});
