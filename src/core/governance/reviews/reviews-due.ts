import { Decimal } from '../../money.js';
import type { ChangeRequest } from '../changes/change-request.js';
import type { ChangeType, DeploymentOutcome } from '../governance-types.js';
import type { PostImplementationReview } from './post-implementation-review.js';

/** The policy's rule: which changes need a post-implementation review, and within how many days. */
export interface ReviewRule {
  withinDays: number;
  changeTypes: ChangeType[];
  deploymentOutcomes: DeploymentOutcome[];
  estimatedCostAbove?: string | undefined;
}

/** Days to hold a review in when the policy names none (its postImplementationReviews default). */
export const DEFAULT_REVIEW_WITHIN_DAYS = 10;

/** The reason given for a change the gate marked: a threshold of its change model asks for a review. */
export const MARKED_FOR_REVIEW = 'its change model asks for a review (a threshold it met at the gate)';

export type ReviewState = 'reviewed' | 'due' | 'overdue';

/** One change the rule names: why, when it was implemented, when its review is due, and its state. */
export interface ReviewDue {
  changeId: string;
  service: string;
  team: string;
  changeType: ChangeType;
  reasons: string[];
  /** When its first deployment to a governed environment finished. */
  implementedAt: string;
  dueAt: string;
  state: ReviewState;
  /** When reviewed, and whether after the due date. */
  reviewedAt: string | null;
  late: boolean;
}

export interface ReviewDueRow {
  team: string;
  /** The month the changes were implemented in, YYYY-MM (UTC). */
  period: string;
  required: number;
  reviewed: number;
  due: number;
  overdue: number;
}

export interface ReviewsDueInput {
  /** The policy's rule; null when it has none (then only marked changes need a review). */
  rule: ReviewRule | null;
  /** Changes the gate marked as needing a review (a change-model threshold's postImplementationReview). */
  marked: ReadonlySet<string>;
  /** Deployments to governed environments, with the change each carried out. */
  deployments: readonly {
    changeRequestId?: string | undefined;
    finishedAt: string;
    outcome: DeploymentOutcome;
  }[];
  changes: ReadonlyMap<string, ChangeRequest>;
  reviews: ReadonlyMap<string, Pick<PostImplementationReview, 'reviewedAt'>>;
  asOf: string;
  teamOf: (service: string) => string;
}

const DAY = 86_400_000;

/**
 * Post-implementation reviews due and overdue as of a time (a pure reading of the records):
 * 1. a change is implemented when its first governed deployment finished (at or before asOf);
 * 2. the rule names it by its type, any of its deployments' outcomes, or its estimated cost;
 *    or the gate marked it (a threshold of its change model asks for a review);
 * 3. its review is due `withinDays` after implementation (the rule's, else the policy default):
 *    reviewed when a review exists (late when held after the due time), else due until then
 *    and overdue after.
 */
export function findReviewsDue(input: ReviewsDueInput): ReviewDue[] {
  const asOf = Date.parse(input.asOf);
  const byChange = new Map<string, { implementedAt: number; outcomes: Set<DeploymentOutcome> }>();
  for (const d of input.deployments) {
    if (!d.changeRequestId || Date.parse(d.finishedAt) > asOf) continue;
    const seen = byChange.get(d.changeRequestId);
    if (!seen)
      byChange.set(d.changeRequestId, {
        implementedAt: Date.parse(d.finishedAt),
        outcomes: new Set([d.outcome]),
      });
    else {
      seen.implementedAt = Math.min(seen.implementedAt, Date.parse(d.finishedAt));
      seen.outcomes.add(d.outcome);
    }
  }
  const found: ReviewDue[] = [];
  for (const [changeId, seen] of byChange) {
    const change = input.changes.get(changeId);
    if (!change) continue;
    const { rule } = input;
    const reasons: string[] = [];
    if (rule?.changeTypes.includes(change.changeType)) reasons.push(`${change.changeType} change`);
    for (const outcome of rule?.deploymentOutcomes ?? [])
      if (seen.outcomes.has(outcome)) reasons.push(`a deployment ${outcome.replace('_', ' ')}`);
    const above = rule?.estimatedCostAbove;
    if (above !== undefined && new Decimal(change.estimatedCost).greaterThan(above))
      reasons.push(`estimated cost ${change.estimatedCost} above ${above}`);
    if (input.marked.has(changeId)) reasons.push(MARKED_FOR_REVIEW);
    if (reasons.length === 0) continue;
    const dueAt = seen.implementedAt + (rule?.withinDays ?? DEFAULT_REVIEW_WITHIN_DAYS) * DAY;
    const review = input.reviews.get(changeId);
    found.push({
      changeId,
      service: change.service,
      team: input.teamOf(change.service),
      changeType: change.changeType,
      reasons,
      implementedAt: new Date(seen.implementedAt).toISOString(),
      dueAt: new Date(dueAt).toISOString(),
      state: review ? 'reviewed' : asOf > dueAt ? 'overdue' : 'due',
      reviewedAt: review?.reviewedAt ?? null,
      late: review !== undefined && Date.parse(review.reviewedAt) > dueAt,
    });
  }
  return found.sort(
    (a, b) => a.implementedAt.localeCompare(b.implementedAt) || a.changeId.localeCompare(b.changeId),
  );
}

/** Reviews required, held, due and overdue by owning team and month of implementation. */
export function summariseReviewsDue(items: readonly ReviewDue[]): ReviewDueRow[] {
  const rows = new Map<string, ReviewDueRow>();
  for (const item of items) {
    const period = item.implementedAt.slice(0, 7);
    const key = `${period}\u0000${item.team}`;
    let row = rows.get(key);
    if (!row) {
      row = { team: item.team, period, required: 0, reviewed: 0, due: 0, overdue: 0 };
      rows.set(key, row);
    }
    row.required++;
    row[item.state]++;
  }
  return [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row);
}
