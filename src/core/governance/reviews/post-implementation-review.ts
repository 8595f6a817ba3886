import { TollgateError } from '../../errors.js';
import { type FieldLabels, labelOf } from '../../field-labels.js';
import { isIsoTimestamp, normaliseTimestamp } from '../governance-types.js';

/** How a change turned out, as the reviewer judges it. */
export const REVIEW_OUTCOMES = ['successful', 'partially-successful', 'failed', 'rolled-back'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** The change's cost against its estimate when reviewed: the release's actual from the bill. */
export interface ReviewCost {
  currency: string | null;
  /** The change's own estimated cost. */
  changeEstimate: string;
  /** The release the change deployed, when it names one (the bill is measured per release). */
  releaseId: string | null;
  releaseEstimate: string | null;
  /** The release's known actual from the bill; null when missing (never 0). */
  releaseActual: string | null;
  /** Why the actual is missing or a lower bound, else null. */
  actualNote: string | null;
}

/** A post-implementation review of one change: one per change, updated in place, audited. */
export interface PostImplementationReview {
  changeId: string;
  outcome: ReviewOutcome;
  /** When the review was held. */
  reviewedAt: string;
  /** Who reviewed: the acting identity, never typed text. */
  reviewer: string;
  lessons: string;
  /** Incidents the review links to the change. */
  incidents: string[];
  cost: ReviewCost;
  recordedAt: string;
  updatedAt: string;
}

export interface ReviewInput {
  changeId: string;
  outcome: string;
  reviewedAt: string;
  lessons: string;
  incidents?: readonly string[] | undefined;
}

export type ReviewField = 'changeId' | 'outcome' | 'reviewedAt' | 'lessons' | 'incidents';

export function isReviewOutcome(value: string): value is ReviewOutcome {
  return (REVIEW_OUTCOMES as readonly string[]).includes(value);
}

/**
 * Checks what a reviewer sends, before any record is read: a known outcome, a time, lessons
 * written down, incident ids named once. Returns the input with the time normalised.
 */
export function validateReviewInput(
  input: ReviewInput,
  labels: FieldLabels<ReviewField> = {},
): Omit<ReviewInput, 'outcome' | 'incidents'> & { outcome: ReviewOutcome; incidents: string[] } {
  if (!isReviewOutcome(input.outcome))
    throw new TollgateError(
      'PIR_BAD_OUTCOME',
      `${labelOf(labels, 'outcome')} '${input.outcome}' is not an outcome; use one of ${REVIEW_OUTCOMES.join(', ')}.`,
      'usage',
    );
  if (!isIsoTimestamp(input.reviewedAt))
    throw new TollgateError(
      'PIR_BAD_TIME',
      `${labelOf(labels, 'reviewedAt')} '${input.reviewedAt}' is not a time; write an ISO date or date-time such as 2025-03-14.`,
      'usage',
    );
  if (input.lessons.trim() === '')
    throw new TollgateError(
      'PIR_NO_LESSONS',
      `${labelOf(labels, 'lessons')} is empty; write what the change taught (what went well, what to change).`,
      'usage',
    );
  const incidents = [...new Set(input.incidents ?? [])];
  return {
    changeId: input.changeId,
    outcome: input.outcome,
    reviewedAt: normaliseTimestamp(input.reviewedAt),
    lessons: input.lessons.trim(),
    incidents,
  };
}
