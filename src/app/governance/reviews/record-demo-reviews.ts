import { holdersOfRole } from '../../../core/governance/governance-policy.js';
import type { ReviewDue } from '../../../core/governance/reviews/reviews-due.js';
import type { Stores } from '../../../ports/stores.js';
import { reportConformance } from '../conformance/report-conformance.js';
import { requirePolicy } from '../governance-context.js';
import { recordReview } from './record-review.js';

export interface DemoReviewsSummary {
  /** Changes that needed a review over the year. */
  required: number;
  onTime: number;
  late: number;
  /** Left without a review: overdue, or still due at the year's end. */
  open: number;
}

const DAY = 86_400_000;
const LESSONS = [
  'Add a canary stage before production for this service.',
  'The rollback runbook was out of date; it is now tested every release.',
  'Alert on the error budget, not on single errors: we were paged late.',
  'Load-test the change at peak traffic before it ships.',
  'The executive approval took too long at night; the on-call lead may now give it.',
];

/** Which of the year's reviews the demo organisation holds, and when: no randomness, by position. */
function planReview(item: ReviewDue, index: number, yearEnd: number): string | null {
  if (Date.parse(item.dueAt) > yearEnd) return null; // still due when the year ends
  if (index % 8 === 3) return null; // forgotten: overdue
  const at =
    index % 5 === 1
      ? Date.parse(item.dueAt) + (2 + (index % 4)) * DAY
      : Date.parse(item.implementedAt) + (3 + (index % 8)) * DAY;
  return new Date(at).toISOString();
}

/**
 * The demo organisation's post-implementation reviews of its year, through the same audited
 * use case as `tollgate pir add` (recordReview), after its exchange rates exist (a review
 * measures its release's actual from the bill):
 * 1. the conformance report as of `yearEnd` names the changes that need a review;
 * 2. most are reviewed by their service owner within the policy's days, one in five late,
 *    one in eight never; those due after the year's end are left open;
 * 3. the outcome follows the change's reasons (a failed deployment), the lessons a short list.
 */
export async function recordDemoReviews(
  stores: Stores,
  year: { from: string; to: string },
): Promise<DemoReviewsSummary> {
  const report = await reportConformance(stores, { ...year, asOf: year.to });
  const policy = (await requirePolicy(stores)).policy;
  const yearEnd = Date.parse(year.to);
  const summary: DemoReviewsSummary = { required: report.reviews.required, onTime: 0, late: 0, open: 0 };
  for (const [index, item] of report.reviews.open.entries()) {
    const reviewedAt = planReview(item, index, yearEnd);
    if (reviewedAt === null) {
      summary.open++;
      continue;
    }
    const reviewer = holdersOfRole(policy, 'service-owner', item.service)[0] ?? 'release-manager';
    await recordReview(
      stores,
      { actor: { name: reviewer, tokenId: null, address: null }, principal: null },
      {
        changeId: item.changeId,
        outcome: item.reasons.some((reason) => reason.includes('failed')) ? 'failed' : 'successful',
        reviewedAt,
        lessons: LESSONS[index % LESSONS.length]!,
      },
      'add',
      {},
      reviewedAt,
    );
    if (Date.parse(reviewedAt) > Date.parse(item.dueAt)) summary.late++;
    else summary.onTime++;
  }
  return summary;
}
