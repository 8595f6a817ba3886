import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { applyPolicy } from '../../src/app/governance/apply-governance-config.js';
import { decideChange, requestChange } from '../../src/app/governance/changes/manage-changes.js';
import { reportConformance } from '../../src/app/governance/conformance/report-conformance.js';
import { recordDeployment } from '../../src/app/governance/deployments/record-deployments.js';
import { gateDeployment } from '../../src/app/governance/gate/gate-deployment.js';
import { recordReview } from '../../src/app/governance/reviews/record-review.js';
import { MARKED_FOR_REVIEW } from '../../src/core/governance/reviews/reviews-due.js';
import type { Stores } from '../../src/ports/stores.js';
import { governanceFixture, openReviewTestStores } from './review-test-stores.js';

const fixture = governanceFixture;
const identity = { actor: { name: 'cli:olivia', tokenId: null, address: null }, principal: null };

/**
 * A demo-shaped week (the demo's policy choices on the test catalogue): routine normal changes
 * need no release budget, a costly emergency is marked for review by its change model's
 * threshold (the policy has no postImplementationReviews section), one pipeline asks the gate
 * before its sign-off and again after it, one is denied and deploys anyway.
 */
describe('conformance of gated deployments and the reviews the gate marked', () => {
  let stores: Stores;
  const ids: Record<'costly' | 'cheap' | 'early' | 'anyway', string> = {
    costly: '',
    cheap: '',
    early: '',
    anyway: '',
  };
  before(async () => {
    stores = await openReviewTestStores('gate-reviews');
    const policy = parse(fixture('governance.yaml'));
    assert.equal(policy.postImplementationReviews, undefined);
    policy.changeModels.normal.whenNoBudget = 'allow';
    await applyPolicy(stores, stringify(policy), 'governance.yaml', 'rm');

    const request = (changeType: 'normal' | 'emergency', estimatedCost: string, version: string) =>
      requestChange(
        stores,
        {
          service: 'payments',
          environment: 'production',
          changeType,
          requestedBy: 'dev',
          estimatedCost,
          version,
        },
        '2026-03-02T08:00:00Z',
      );
    const approve = (
      changeId: string,
      approver: string,
      role: string,
      kind: 'approval' | 'sign-off',
      at: string,
    ) => decideChange(stores, { changeId, approver, role, kind, decision: 'approve' }, at);
    const gate = (changeId: string, version: string, at: string) =>
      gateDeployment(stores, {
        service: 'payments',
        environment: 'production',
        changeId,
        version,
        at,
        actor: 'ci',
      });
    const deploy = (
      changeRequestId: string,
      changeType: 'normal' | 'emergency',
      version: string,
      start: string,
    ) =>
      recordDeployment(
        stores,
        {
          service: 'payments',
          environment: 'production',
          version,
          changeType,
          changeRequestId,
          outcome: 'succeeded',
          startedAt: start,
          finishedAt: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
          triggeredBy: 'ci',
          pipelineMinutes: '10',
        },
        'ci',
      );

    // A costly emergency (above the 2000 threshold): the executive approves, the gate marks it.
    ids.costly = (await request('emergency', '2500', 'v1')).id;
    await approve(ids.costly, 'olivia', 'service-owner', 'approval', '2026-03-02T08:30:00Z');
    await approve(ids.costly, 'eve', 'executive', 'approval', '2026-03-02T08:40:00Z');
    const costly = await gate(ids.costly, 'v1', '2026-03-02T10:00:00Z');
    assert.equal(costly.decision, 'allow', JSON.stringify(costly.reasons));
    assert.ok(costly.reasons.some((r) => r.check === 'post-implementation-review'));
    await deploy(ids.costly, 'emergency', 'v1', '2026-03-02T10:00:00Z');

    // A cheap emergency: allowed, not marked.
    ids.cheap = (await request('emergency', '100', 'v2')).id;
    await approve(ids.cheap, 'olivia', 'service-owner', 'approval', '2026-03-02T08:30:00Z');
    assert.equal((await gate(ids.cheap, 'v2', '2026-03-02T11:00:00Z')).decision, 'allow');
    await deploy(ids.cheap, 'emergency', 'v2', '2026-03-02T11:00:00Z');

    // A normal change whose pipeline asks before the sign-off (denied), then after it (allowed).
    ids.early = (await request('normal', '300', 'v3')).id;
    await approve(ids.early, 'olivia', 'service-owner', 'approval', '2026-03-02T09:00:00Z');
    for (const cab of ['carl', 'cathy', 'chen'])
      await approve(ids.early, cab, 'cab', 'approval', '2026-03-02T09:10:00Z');
    assert.equal((await gate(ids.early, 'v3', '2026-03-03T09:30:00Z')).decision, 'deny');
    await approve(ids.early, 'olivia', 'service-owner', 'sign-off', '2026-03-03T09:40:00Z');
    assert.equal((await gate(ids.early, 'v3', '2026-03-03T10:00:00Z')).decision, 'allow');
    await deploy(ids.early, 'normal', 'v3', '2026-03-03T10:00:00Z');

    // A normal change with no sign-off: denied, and deployed anyway.
    ids.anyway = (await request('normal', '300', 'v4')).id;
    await approve(ids.anyway, 'olivia', 'service-owner', 'approval', '2026-03-02T09:00:00Z');
    for (const cab of ['carl', 'cathy', 'chen'])
      await approve(ids.anyway, cab, 'cab', 'approval', '2026-03-02T09:10:00Z');
    const denied = await gate(ids.anyway, 'v4', '2026-03-04T10:00:00Z');
    assert.equal(denied.decision, 'deny');
    assert.deepEqual(
      denied.reasons.filter((r) => !r.ok).map((r) => r.check),
      ['sign-off'],
    );
    await deploy(ids.anyway, 'normal', 'v4', '2026-03-04T10:05:00Z');
  });
  after(async () => stores?.close());

  const report = (asOf: string) => reportConformance(stores, { from: '2026-03-01', to: '2026-04-01', asOf });

  it('finds the deployment made after a deny, and none for the pipeline allowed on its second ask', async () => {
    const found = await report('2026-03-10');
    assert.equal(found.deployments, 4);
    assert.deepEqual(
      found.findings.map((f) => [f.changeId, f.checks]),
      [
        [ids.costly, ['emergency']],
        [ids.cheap, ['emergency']],
        [ids.anyway, ['deployed-after-deny']],
      ],
    );
    assert.equal(found.breaches, 1);
  });

  it('counts the change the gate marked for review as due, overdue, then reviewed late (default 10 days)', async () => {
    const due = await report('2026-03-10');
    assert.equal(due.reviews.rule, null);
    assert.deepEqual(
      due.reviews.open.map((r) => [r.changeId, r.state, r.dueAt, r.reasons]),
      [[ids.costly, 'due', '2026-03-12T10:30:00.000Z', [MARKED_FOR_REVIEW]]],
    );
    assert.deepEqual([due.reviews.required, due.reviews.due, due.reviews.overdue], [1, 1, 0]);
    const overdue = await report('2026-03-13');
    assert.deepEqual([overdue.reviews.required, overdue.reviews.due, overdue.reviews.overdue], [1, 0, 1]);
    await recordReview(
      stores,
      identity,
      {
        changeId: ids.costly,
        outcome: 'successful',
        reviewedAt: '2026-03-14T09:00:00Z',
        lessons: 'page the executive earlier',
      },
      'add',
    );
    const reviewed = await report('2026-03-20');
    assert.deepEqual(
      [
        reviewed.reviews.required,
        reviewed.reviews.reviewed,
        reviewed.reviews.late,
        reviewed.reviews.open.length,
      ],
      [1, 1, 1, 0],
    );
  });
});
