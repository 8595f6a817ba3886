import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TollgateError } from '../../src/core/errors.js';
import {
  evaluateApprovals,
  requireApprovals,
  validateApproval,
} from '../../src/core/governance/changes/approval-rules.js';
import type { ApprovalRecord, ChangeRequest } from '../../src/core/governance/changes/change-request.js';
import { makePolicy } from './governance-fixtures.js';

const policy = makePolicy();
const change: ChangeRequest = {
  id: 'CHG-9',
  service: 'payments',
  environment: 'production',
  changeType: 'normal',
  releaseId: 'R1',
  requestedBy: 'carl',
  estimatedCost: '100',
  status: 'open',
  createdAt: '2026-03-01T00:00:00Z',
  readyAt: '2026-03-01T00:00:00Z',
};
const approved = (
  approver: string,
  role: string,
  kind: ApprovalRecord['kind'] = 'approval',
): ApprovalRecord => ({
  changeId: 'CHG-9',
  approver,
  role,
  kind,
  decision: 'approve',
  at: '2026-03-02T00:00:00Z',
});

describe('validateApproval (bad approvals are refused before they are recorded)', () => {
  const rows: {
    name: string;
    approval: Pick<ApprovalRecord, 'approver' | 'role' | 'kind'>;
    change?: ChangeRequest;
    existing?: ApprovalRecord[];
    release?: 'open' | 'closed';
    code: string | null;
  }[] = [
    {
      name: 'a CAB member approves',
      approval: { approver: 'cathy', role: 'cab', kind: 'approval' },
      code: null,
    },
    {
      name: 'the service owner signs off',
      approval: { approver: 'olivia', role: 'service-owner', kind: 'sign-off' },
      code: null,
    },
    {
      name: 'the requester approves their own change',
      approval: { approver: 'carl', role: 'cab', kind: 'approval' },
      code: 'APPROVAL_BY_REQUESTER',
    },
    {
      name: 'someone without the role',
      approval: { approver: 'mallory', role: 'cab', kind: 'approval' },
      code: 'APPROVAL_ROLE_MISSING',
    },
    {
      name: 'a service owner of another service',
      approval: { approver: 'sam', role: 'service-owner', kind: 'approval' },
      code: 'APPROVAL_ROLE_MISSING',
    },
    {
      name: 'a role that does not exist',
      approval: { approver: 'cathy', role: 'boss', kind: 'approval' },
      code: 'APPROVAL_BAD_ROLE',
    },
    {
      name: 'sign-off by someone other than the service owner role',
      approval: { approver: 'fiona', role: 'finance', kind: 'sign-off' },
      code: 'APPROVAL_BAD_ROLE',
    },
    {
      name: 'approving twice',
      approval: { approver: 'cathy', role: 'cab', kind: 'approval' },
      existing: [approved('cathy', 'cab')],
      code: 'APPROVAL_DUPLICATE',
    },
    {
      name: 'approving twice in another role',
      approval: { approver: 'eve', role: 'executive', kind: 'approval' },
      existing: [approved('eve', 'cab')],
      code: 'APPROVAL_DUPLICATE',
    },
    {
      name: 'sign-off after an approval by the same owner is allowed',
      approval: { approver: 'olivia', role: 'service-owner', kind: 'sign-off' },
      existing: [approved('olivia', 'service-owner')],
      code: null,
    },
    {
      name: 'approving a closed change',
      approval: { approver: 'cathy', role: 'cab', kind: 'approval' },
      change: { ...change, status: 'closed' },
      code: 'CHANGE_NOT_OPEN',
    },
    {
      name: 'approving a rejected change',
      approval: { approver: 'cathy', role: 'cab', kind: 'approval' },
      change: { ...change, status: 'rejected' },
      code: 'CHANGE_NOT_OPEN',
    },
    {
      name: 'approving a change of a closed release',
      approval: { approver: 'cathy', role: 'cab', kind: 'approval' },
      release: 'closed',
      code: 'RELEASE_CLOSED',
    },
  ];
  for (const row of rows) {
    it(`${row.name} -> ${row.code ?? 'accepted'}`, () => {
      const run = () =>
        validateApproval(
          row.approval,
          row.change ?? change,
          row.existing ?? [],
          policy,
          row.release ?? 'open',
        );
      if (row.code === null) assert.doesNotThrow(run);
      else
        assert.throws(
          run,
          (error: unknown) =>
            error instanceof TollgateError && error.code === row.code && error.message.length > 20,
        );
    });
  }
});

describe('requireApprovals and evaluateApprovals (N of M, separation of duties)', () => {
  const facts = {
    estimatedCost: '100',
    overrunAmount: '0',
    overrunPercent: '0',
    spendClass: 'opex' as const,
    criticality: 'low' as const,
    production: true,
  };

  it('normal change of a low-criticality service: 1 service owner, 2 CAB', () => {
    assert.deepEqual(requireApprovals(policy.changeModels.normal, facts).requirements, [
      { role: 'service-owner', quorum: 1 },
      { role: 'cab', quorum: 2 },
    ]);
  });

  it('thresholds add roles and raise quorums; the larger quorum wins', () => {
    const required = requireApprovals(policy.changeModels.normal, {
      ...facts,
      estimatedCost: '9000',
      criticality: 'critical',
      overrunAmount: '50',
      overrunPercent: '20',
    });
    assert.deepEqual(required.requirements, [
      { role: 'service-owner', quorum: 1 },
      { role: 'cab', quorum: 3 },
      { role: 'finance', quorum: 1 },
      { role: 'budget-owner', quorum: 1 },
      { role: 'executive', quorum: 1 },
    ]);
    assert.equal(required.overrunCovered, true);
  });

  it('without a budget, overrun thresholds do not apply', () => {
    const required = requireApprovals(policy.changeModels.normal, {
      ...facts,
      overrunAmount: null,
      overrunPercent: null,
    });
    assert.equal(required.overrunCovered, false);
  });

  const quorumRows: {
    name: string;
    approvals: ApprovalRecord[];
    satisfied: boolean;
    missingCab: number;
    eligibleCab: number;
  }[] = [
    {
      name: '2 of 2 eligible CAB (requester carl excluded from 3)',
      approvals: [approved('cathy', 'cab'), approved('chen', 'cab')],
      satisfied: true,
      missingCab: 0,
      eligibleCab: 2,
    },
    {
      name: '1 of 2',
      approvals: [approved('cathy', 'cab')],
      satisfied: false,
      missingCab: 1,
      eligibleCab: 2,
    },
    {
      name: "requester's own approval ignored",
      approvals: [approved('carl', 'cab'), approved('cathy', 'cab')],
      satisfied: false,
      missingCab: 1,
      eligibleCab: 2,
    },
    {
      name: 'approval in a role the person does not hold ignored',
      approvals: [approved('cathy', 'cab'), approved('fiona', 'cab')],
      satisfied: false,
      missingCab: 1,
      eligibleCab: 2,
    },
    {
      name: 'a sign-off is not an approval',
      approvals: [approved('cathy', 'cab'), approved('chen', 'cab', 'sign-off')],
      satisfied: false,
      missingCab: 1,
      eligibleCab: 2,
    },
    {
      name: 'a rejection blocks even with quorum',
      approvals: [
        approved('cathy', 'cab'),
        approved('chen', 'cab'),
        { ...approved('eve', 'executive'), decision: 'reject' },
      ],
      satisfied: false,
      missingCab: 0,
      eligibleCab: 2,
    },
  ];
  for (const row of quorumRows) {
    it(row.name, () => {
      const result = evaluateApprovals([{ role: 'cab', quorum: 2 }], row.approvals, change, policy);
      assert.equal(result.satisfied, row.satisfied);
      assert.equal(result.requirements[0]!.missing, row.missingCab);
      assert.equal(result.requirements[0]!.eligible, row.eligibleCab);
    });
  }

  it('a quorum larger than the eligible holders can never be met', () => {
    const result = evaluateApprovals(
      [{ role: 'cab', quorum: 3 }],
      [approved('cathy', 'cab'), approved('chen', 'cab')],
      change,
      policy,
    );
    assert.equal(result.satisfied, false);
    assert.equal(result.requirements[0]!.eligible, 2);
  });
});
