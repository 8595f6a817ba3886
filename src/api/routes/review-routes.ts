import { z } from 'zod';
import { listReviews, recordReview, showReview } from '../../app/governance/reviews/record-review.js';
import {
  type PostImplementationReview,
  REVIEW_OUTCOMES,
} from '../../core/governance/reviews/post-implementation-review.js';
import { idParams } from '../api-schemas.js';
import { defineRoute } from '../route-spec.js';

const reviewSchema = z.object({
  changeId: z.string(),
  outcome: z.enum(REVIEW_OUTCOMES),
  reviewedAt: z.string(),
  reviewer: z.string(),
  lessons: z.string(),
  incidents: z.array(z.string()),
  cost: z.object({
    currency: z.string().nullable(),
    changeEstimate: z.string(),
    releaseId: z.string().nullable(),
    releaseEstimate: z.string().nullable(),
    releaseActual: z.string().nullable().describe('the release actual from the bill; null when missing'),
    actualNote: z.string().nullable(),
  }),
  recordedAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<PostImplementationReview>;

const reviewBody = z
  .object({
    outcome: z.string().max(40).describe(REVIEW_OUTCOMES.join(', ')),
    reviewedAt: z.string().max(40).describe('when the review was held (ISO-8601), after the deployment'),
    lessons: z.string().max(10_000),
    incidents: z.array(z.string().min(1).max(200)).max(100).optional(),
  })
  .strict();

const errors = {
  400: 'A bad outcome or time, no lessons, or a review before the deployment (PIR_BAD_OUTCOME, PIR_BAD_TIME, PIR_NO_LESSONS, PIR_BEFORE_DEPLOYMENT)',
  404: 'No such change or incident, or no review to update (CHANGE_NOT_FOUND, UNKNOWN_INCIDENT, PIR_NOT_FOUND)',
  409: 'The change has a review already, or no deployment yet (PIR_EXISTS, PIR_NOT_DEPLOYED)',
};

const LABELS = { changeId: 'id', outcome: 'outcome', reviewedAt: 'reviewedAt', lessons: 'lessons' } as const;

/** Post-implementation reviews of changes. */
export const reviewRoutes = [
  defineRoute({
    id: 'listReviews',
    method: 'GET',
    path: '/api/v1/reviews',
    summary: 'Every post-implementation review, like tollgate pir list',
    tag: 'governance',
    permission: 'governance:read',
    response: z.object({ reviews: z.array(reviewSchema) }),
    handler: async ({ services }) => ({ reviews: await listReviews(services.stores) }),
  }),
  defineRoute({
    id: 'getReview',
    method: 'GET',
    path: '/api/v1/changes/:id/review',
    summary: "A change's post-implementation review, like tollgate pir show",
    tag: 'governance',
    permission: 'governance:read',
    params: idParams,
    response: reviewSchema,
    errors: { 404: 'No such change, or no review yet (CHANGE_NOT_FOUND, PIR_NOT_FOUND)' },
    handler: async ({ params, services }) => showReview(services.stores, params.id),
  }),
  defineRoute({
    id: 'addReview',
    method: 'POST',
    path: '/api/v1/changes/:id/review',
    summary:
      "Record a change's post-implementation review as the caller, with its cost against estimate from the bill, like tollgate pir add (audited)",
    tag: 'governance',
    permission: 'governance:write',
    params: idParams,
    body: reviewBody,
    status: 201,
    response: reviewSchema,
    errors,
    handler: async ({ params, body, principal, actor, services }) =>
      recordReview(
        services.stores,
        { actor, principal: principal! },
        { changeId: params.id, ...body },
        'add',
        LABELS,
      ),
  }),
  defineRoute({
    id: 'updateReview',
    method: 'PUT',
    path: '/api/v1/changes/:id/review',
    summary:
      "Replace a change's post-implementation review as the caller, like tollgate pir update (audited)",
    tag: 'governance',
    permission: 'governance:write',
    params: idParams,
    body: reviewBody,
    response: reviewSchema,
    errors,
    handler: async ({ params, body, principal, actor, services }) =>
      recordReview(
        services.stores,
        { actor, principal: principal! },
        { changeId: params.id, ...body },
        'update',
        LABELS,
      ),
  }),
];
