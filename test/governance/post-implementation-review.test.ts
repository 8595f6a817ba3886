import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { applyPolicy } from '../../src/app/governance/apply-governance-config.js';
import { requestChange } from '../../src/app/governance/changes/manage-changes.js';
import { reportConformance } from '../../src/app/governance/conformance/report-conformance.js';
import { recordDeployment } from '../../src/app/governance/deployments/record-deployments.js';
import { recordIncident } from '../../src/app/governance/deployments/record-incidents.js';
import { recordReview, showReview } from '../../src/app/governance/reviews/record-review.js';
import { findReviewsDue, summariseReviewsDue } from '../../src/core/governance/reviews/reviews-due.js';
import type { Stores } from '../../src/ports/stores.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { governanceFixture, openReviewTestStores } from './review-test-stores.js';

const fixture = governanceFixture;
const identity = { actor: { name: 'cli:rita', tokenId: null, address: null }, principal: null };

describe('post-implementation reviews', () => {
  let stores: Stores;
  let emergency: string;
  let normal: string;
  let undeployed: string;
  let incident: string;
  before(async () => {
    stores = await openReviewTestStores('pir');
    const policy = parse(fixture('governance.yaml'));
    policy.postImplementationReviews = {
      withinDays: 5,
      changeTypes: ['emergency'],
      estimatedCostAbove: '900',
    };
    await applyPolicy(stores, stringify(policy), 'governance.yaml', 'rm');
    const ask = (changeType: 'normal' | 'emergency', estimatedCost: string) =>
      requestChange(
        stores,
        { service: 'payments', environment: 'production', changeType, requestedBy: 'dev', estimatedCost },
        '2026-03-01T08:00:00Z',
      );
    emergency = (await ask('emergency', '100')).id;
    normal = (await ask('normal', '50')).id;
    undeployed = (await ask('normal', '1000')).id;
    const deploy = (
      changeRequestId: string,
      version: string,
      day: string,
      outcome: 'succeeded' | 'failed' = 'succeeded',
    ) =>
      recordDeployment(
        stores,
        {
          service: 'payments',
          environment: 'production',
          version,
          changeType: 'normal',
          changeRequestId,
          outcome,
          startedAt: `${day}T10:00:00Z`,
          finishedAt: `${day}T10:30:00Z`,
          triggeredBy: 'ci',
          pipelineMinutes: '10',
        },
        'ci',
      );
    await deploy(emergency, 'v1', '2026-03-02');
    await deploy(normal, 'v2', '2026-03-03', 'failed');
    incident = (
      await recordIncident(
        stores,
        {
          service: 'payments',
          environment: 'production',
          title: 'errors after v2',
          severity: 'sev2',
          startedAt: '2026-03-03T11:00:00Z',
          resolvedAt: '2026-03-03T13:00:00Z',
        },
        'sre',
      )
    ).id;
  });
  after(async () => {
    await stores?.close();
  });

  const input = (changeId: string, over: Record<string, unknown> = {}) => ({
    changeId,
    outcome: 'successful',
    reviewedAt: '2026-03-05T09:00:00Z',
    lessons: 'roll out behind a flag',
    ...over,
  });

  it('refuses broken reviews with a clear message and writes nothing', async () => {
    const auditBefore = await stores.access.audit.lastEntry();
    const labels = { outcome: '--outcome', reviewedAt: '--at', lessons: '--lessons' };
    await expectRefusal(
      () => recordReview(stores, identity, input('CHG-404'), 'add', labels),
      'CHANGE_NOT_FOUND',
      'not-found',
      /no change 'CHG-404'/,
    );
    await expectRefusal(
      () => recordReview(stores, identity, input(emergency, { outcome: 'great' }), 'add', labels),
      'PIR_BAD_OUTCOME',
      'usage',
      /--outcome 'great' is not an outcome; use one of successful, partially-successful, failed, rolled-back/,
    );
    await expectRefusal(
      () =>
        recordReview(
          stores,
          identity,
          input(emergency, { reviewedAt: '2026-03-01T00:00:00Z' }),
          'add',
          labels,
        ),
      'PIR_BEFORE_DEPLOYMENT',
      'usage',
      /comes before change .* was deployed \(2026-03-02T10:30:00.000Z\)/,
    );
    await expectRefusal(
      () => recordReview(stores, identity, input(emergency, { reviewedAt: 'soon' }), 'add', labels),
      'PIR_BAD_TIME',
      'usage',
      /--at 'soon' is not a time/,
    );
    await expectRefusal(
      () => recordReview(stores, identity, input(emergency, { lessons: '  ' }), 'add', labels),
      'PIR_NO_LESSONS',
      'usage',
      /--lessons is empty/,
    );
    await expectRefusal(
      () => recordReview(stores, identity, input(undeployed), 'add', labels),
      'PIR_NOT_DEPLOYED',
      'conflict',
      /has no deployment yet/,
    );
    await expectRefusal(
      () => recordReview(stores, identity, input(emergency, { incidents: ['INC-999'] }), 'add', labels),
      'UNKNOWN_INCIDENT',
      'not-found',
      /no incident 'INC-999'/,
    );
    await expectRefusal(
      () => recordReview(stores, identity, input(emergency), 'update', labels),
      'PIR_NOT_FOUND',
      'not-found',
      /no post-implementation review to update/,
    );
    assert.deepEqual(await stores.governance.reviews.listReviews(), []);
    assert.deepEqual(await stores.access.audit.lastEntry(), auditBefore);
  });

  it('records one review per change as the acting person, audited; a duplicate is refused; update replaces', async () => {
    const review = await recordReview(
      stores,
      identity,
      input(normal, { outcome: 'failed', incidents: [incident, incident] }),
      'add',
      {},
      '2026-03-05T10:00:00Z',
    );
    assert.equal(review.reviewer, 'rita');
    assert.deepEqual(review.incidents, [incident]);
    // The change names no release: the actual is missing, never 0.
    assert.equal(review.cost.releaseActual, null);
    assert.match(review.cost.actualNote!, /names no release/);
    assert.equal(review.cost.changeEstimate, '50');
    assert.deepEqual(await showReview(stores, normal), review);
    const audit = await stores.access.audit.lastEntry();
    assert.equal(audit?.action, 'pir.add');
    assert.equal(audit?.target, `change:${normal}`);
    await expectRefusal(
      () => recordReview(stores, identity, input(normal), 'add'),
      'PIR_EXISTS',
      'conflict',
      /reviewed already \(.* by rita\); update that review instead/,
    );
    assert.deepEqual(await showReview(stores, normal), review);
    const updated = await recordReview(
      stores,
      identity,
      input(normal, { outcome: 'partially-successful', lessons: 'add a canary' }),
      'update',
      {},
      '2026-03-06T10:00:00Z',
    );
    assert.equal(updated.recordedAt, review.recordedAt);
    assert.equal(updated.updatedAt, '2026-03-06T10:00:00.000Z');
    assert.deepEqual(await stores.governance.reviews.listReviews(), [updated]);
    assert.equal((await stores.access.audit.lastEntry())?.action, 'pir.update');
  });

  it('conformance counts the reviews the policy names as due, overdue or held, by team and month', async () => {
    const early = await reportConformance(stores, {
      from: '2026-03-01',
      to: '2026-04-01',
      asOf: '2026-03-04',
    });
    // The emergency (deployed 03-02, due 03-07) is due; the normal change's failed deployment
    // needs a review too (held 03-05); the undeployed one is not implemented.
    assert.deepEqual([early.reviews.required, early.reviews.reviewed, early.reviews.due], [2, 1, 1]);
    assert.deepEqual(
      early.reviews.open.map((r) => [r.changeId, r.state, r.dueAt]),
      [[emergency, 'due', '2026-03-07T10:30:00.000Z']],
    );
    const late = await reportConformance(stores, {
      from: '2026-03-01',
      to: '2026-04-01',
      asOf: '2026-03-09',
    });
    assert.equal(late.reviews.overdue, 1);
    assert.deepEqual(late.reviews.rows, [
      { team: 'team-pay', period: '2026-03', required: 2, reviewed: 1, due: 0, overdue: 1 },
    ]);
    await recordReview(stores, identity, input(emergency, { reviewedAt: '2026-03-09T09:00:00Z' }), 'add');
    const done = await reportConformance(stores, {
      from: '2026-03-01',
      to: '2026-04-01',
      asOf: '2026-03-09T10:00:00Z',
    });
    assert.deepEqual([done.reviews.reviewed, done.reviews.overdue, done.reviews.late], [2, 0, 1]);
    await expectRefusal(
      () =>
        reportConformance(
          stores,
          { from: '2026-03-01', to: '2026-04-01', asOf: 'later' },
          { asOf: '--as-of' },
        ),
      'CONFORMANCE_BAD_PERIOD',
      'usage',
      /--as-of 'later' is not a time/,
    );
  });

  it('names changes by type, failed outcome and cost; hand-checked states', () => {
    const change = (id: string, changeType: 'normal' | 'emergency', estimatedCost: string) => ({
      id,
      service: 'payments',
      environment: 'production',
      changeType,
      requestedBy: 'dev',
      estimatedCost,
      status: 'closed' as const,
      createdAt: '2026-01-01T00:00:00Z',
      readyAt: '2026-01-01T00:00:00Z',
    });
    const items = findReviewsDue({
      rule: {
        withinDays: 2,
        changeTypes: ['emergency'],
        deploymentOutcomes: ['rolled_back'],
        estimatedCostAbove: '500',
      },
      marked: new Set(),
      deployments: [
        { changeRequestId: 'A', finishedAt: '2026-01-10T00:00:00Z', outcome: 'succeeded' },
        { changeRequestId: 'A', finishedAt: '2026-01-05T00:00:00Z', outcome: 'succeeded' },
        { changeRequestId: 'B', finishedAt: '2026-01-09T00:00:00Z', outcome: 'rolled_back' },
        { changeRequestId: 'C', finishedAt: '2026-01-09T00:00:00Z', outcome: 'succeeded' },
        { changeRequestId: 'D', finishedAt: '2026-01-09T00:00:00Z', outcome: 'succeeded' },
        { changeRequestId: 'E', finishedAt: '2026-02-01T00:00:00Z', outcome: 'failed' },
      ],
      changes: new Map([
        ['A', change('A', 'emergency', '10')],
        ['B', change('B', 'normal', '10')],
        ['C', change('C', 'normal', '600')],
        ['D', change('D', 'normal', '500')],
        ['E', change('E', 'emergency', '10')],
      ]),
      reviews: new Map([['C', { reviewedAt: '2026-01-10T00:00:00Z' }]]),
      asOf: '2026-01-10T12:00:00Z',
      teamOf: () => 'team-pay',
    });
    assert.deepEqual(
      items.map((i) => [i.changeId, i.state, i.dueAt.slice(0, 10), i.reasons]),
      [
        ['A', 'overdue', '2026-01-07', ['emergency change']],
        ['B', 'due', '2026-01-11', ['a deployment rolled back']],
        ['C', 'reviewed', '2026-01-11', ['estimated cost 600 above 500']],
      ],
    );
    assert.deepEqual(summariseReviewsDue(items), [
      { team: 'team-pay', period: '2026-01', required: 3, reviewed: 1, due: 1, overdue: 1 },
    ]);
  });
});
