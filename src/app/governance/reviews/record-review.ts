import { TollgateError } from '../../../core/errors.js';
import type { FieldLabels } from '../../../core/field-labels.js';
import type { ChangeRequest } from '../../../core/governance/changes/change-request.js';
import { normaliseTimestamp } from '../../../core/governance/governance-types.js';
import {
  type PostImplementationReview,
  type ReviewCost,
  type ReviewField,
  type ReviewInput,
  validateReviewInput,
} from '../../../core/governance/reviews/post-implementation-review.js';
import type { Stores } from '../../../ports/stores.js';
import { type ActingIdentity, personOf } from '../../access/acting-identity.js';
import { requireServicesOwned } from '../../access/require-services-owned.js';
import { recordAudit } from '../../audit/record-audit.js';
import { requireChange } from '../changes/manage-changes.js';
import { nowOr } from '../governance-context.js';
import { showRelease } from '../releases/manage-releases.js';

/** `add` refuses a change that has a review; `update` refuses one that has none. */
export type ReviewMode = 'add' | 'update';

/**
 * The change's cost against its estimate from the bill: the release it deployed, measured by
 * measureReleaseActuals (through showRelease). A missing actual stays null with its reason.
 */
async function measureReviewCost(stores: Stores, change: ChangeRequest): Promise<ReviewCost> {
  const base = { changeEstimate: change.estimatedCost, releaseId: change.releaseId ?? null };
  if (!change.releaseId)
    return {
      ...base,
      currency: null,
      releaseEstimate: null,
      releaseActual: null,
      actualNote: 'the change names no release, and the bill is measured per release: actual missing',
    };
  const report = await showRelease(stores, change.releaseId);
  const unknown = report.variance.varianceUnknown;
  return {
    ...base,
    currency: report.release.currency,
    releaseEstimate: report.estimate.total,
    releaseActual: unknown === null ? report.variance.actual : null,
    actualNote:
      unknown ??
      (report.actuals.complete
        ? null
        : `a lower bound: ${report.actuals.missing.join(', ')} missing from the actual`),
  };
}

/** The first time a deployment of the change finished: a review cannot come before it. */
async function firstDeploymentFinished(stores: Stores, change: ChangeRequest): Promise<string> {
  const deployments = (
    await stores.governance.deployments.listDeployments({ service: change.service })
  ).filter((d) => d.changeRequestId === change.id);
  if (deployments.length === 0)
    throw new TollgateError(
      'PIR_NOT_DEPLOYED',
      `Change ${change.id} has no deployment yet; review it after it has been deployed.`,
      'conflict',
    );
  return deployments.map((d) => d.finishedAt).sort()[0]!;
}

/**
 * Records (add) or replaces (update) the post-implementation review of a change as the acting
 * person, with the cost against estimate read from the bill, and one audit entry in the same
 * transaction. Every check runs before anything is written.
 */
export async function recordReview(
  stores: Stores,
  identity: ActingIdentity,
  input: ReviewInput,
  mode: ReviewMode,
  labels: FieldLabels<ReviewField> = {},
  at?: string,
): Promise<PostImplementationReview> {
  const valid = validateReviewInput(input, labels);
  const change = await requireChange(stores, valid.changeId);
  if (identity.principal) await requireServicesOwned(stores, identity.principal, [change.service]);
  const deployedAt = await firstDeploymentFinished(stores, change);
  if (Date.parse(valid.reviewedAt) < Date.parse(deployedAt))
    throw new TollgateError(
      'PIR_BEFORE_DEPLOYMENT',
      `The review time ${valid.reviewedAt} comes before change ${change.id} was deployed (${deployedAt}); give a time after it.`,
      'usage',
    );
  for (const id of valid.incidents)
    if (!(await stores.governance.incidents.getIncident(id)))
      throw new TollgateError(
        'UNKNOWN_INCIDENT',
        `There is no incident '${id}'; the incidents list shows their ids.`,
        'not-found',
      );
  const cost = await measureReviewCost(stores, change);
  const now = normaliseTimestamp(nowOr(at));
  return stores.transaction(async () => {
    const before = await stores.governance.reviews.getReview(change.id);
    if (mode === 'add' && before)
      throw new TollgateError(
        'PIR_EXISTS',
        `Change ${change.id} was reviewed already (${before.reviewedAt} by ${before.reviewer}); update that review instead.`,
        'conflict',
      );
    if (mode === 'update' && !before)
      throw new TollgateError(
        'PIR_NOT_FOUND',
        `Change ${change.id} has no post-implementation review to update; add one first.`,
        'not-found',
      );
    const review: PostImplementationReview = {
      changeId: change.id,
      outcome: valid.outcome,
      reviewedAt: valid.reviewedAt,
      reviewer: personOf(identity),
      lessons: valid.lessons,
      incidents: valid.incidents,
      cost,
      recordedAt: before?.recordedAt ?? now,
      updatedAt: now,
    };
    await stores.governance.reviews.saveReview(review);
    await recordAudit(stores, identity.actor, {
      action: `pir.${mode}`,
      target: `change:${change.id}`,
      ...(before ? { before } : {}),
      after: review,
    });
    return review;
  });
}

/** One change's review, or PIR_NOT_FOUND. */
export async function showReview(stores: Stores, changeId: string): Promise<PostImplementationReview> {
  await requireChange(stores, changeId);
  const review = await stores.governance.reviews.getReview(changeId);
  if (!review)
    throw new TollgateError(
      'PIR_NOT_FOUND',
      `Change ${changeId} has no post-implementation review yet; the conformance report lists the reviews due.`,
      'not-found',
    );
  return review;
}

/** Every review recorded. */
export async function listReviews(stores: Stores): Promise<PostImplementationReview[]> {
  return stores.governance.reviews.listReviews();
}
