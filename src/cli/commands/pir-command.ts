import type { Command } from 'commander';
import { listReviews, recordReview, showReview } from '../../app/governance/reviews/record-review.js';
import type { PostImplementationReview } from '../../core/governance/reviews/post-implementation-review.js';
import { withActingIdentity } from '../acting-as.js';
import { printJson, withStores } from '../cli-context.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';

interface ReviewFlags {
  outcome: string;
  lessons: string;
  at: string;
  incident?: string[];
  json?: boolean;
}

const LABELS = {
  changeId: '<change>',
  outcome: '--outcome',
  reviewedAt: '--at',
  lessons: '--lessons',
  incidents: '--incident',
} as const;

function costText(review: PostImplementationReview): string {
  const c = review.cost;
  const actual =
    c.releaseActual === null ? `actual missing (${c.actualNote})` : `actual ${formatAmount(c.releaseActual)}`;
  return c.releaseId === null
    ? `change estimate ${formatAmount(c.changeEstimate)}; ${actual}`
    : `release ${c.releaseId}: estimate ${formatAmount(c.releaseEstimate!)} ${c.currency}, ${actual}${c.releaseActual !== null && c.actualNote ? ` (${c.actualNote})` : ''}; change estimate ${formatAmount(c.changeEstimate)}`;
}

function printReview(review: PostImplementationReview) {
  process.stdout.write(
    [
      `Post-implementation review of ${review.changeId}: ${review.outcome}, held ${review.reviewedAt} by ${review.reviewer}`,
      `cost: ${costText(review)}`,
      `incidents: ${review.incidents.join(', ') || 'none linked'}`,
      `lessons: ${review.lessons}`,
      `recorded ${review.recordedAt}, updated ${review.updatedAt}`,
    ].join('\n') + '\n',
  );
}

async function runReviewWrite(change: string, flags: ReviewFlags, command: Command, mode: 'add' | 'update') {
  const review = await withActingIdentity(command, 'governance:write', undefined, (stores, identity) =>
    recordReview(
      stores,
      identity,
      {
        changeId: change,
        outcome: flags.outcome,
        reviewedAt: flags.at,
        lessons: flags.lessons,
        incidents: flags.incident,
      },
      mode,
      LABELS,
    ),
  );
  if (flags.json) printJson(review);
  else printReview(review);
}

export function runPirAdd(change: string, flags: ReviewFlags, command: Command) {
  return runReviewWrite(change, flags, command, 'add');
}

export function runPirUpdate(change: string, flags: ReviewFlags, command: Command) {
  return runReviewWrite(change, flags, command, 'update');
}

export async function runPirShow(change: string, flags: { json?: boolean }, command: Command) {
  const review = await withStores(command, (stores) => showReview(stores, change));
  if (flags.json) printJson(review);
  else printReview(review);
}

export async function runPirList(flags: { json?: boolean }, command: Command) {
  const reviews = await withStores(command, (stores) => listReviews(stores));
  if (flags.json) {
    printJson({ reviews });
    return;
  }
  if (reviews.length === 0) {
    process.stdout.write('No post-implementation reviews yet.\n');
    return;
  }
  process.stdout.write(
    `${renderTable(
      ['change', 'outcome', 'reviewed', 'reviewer', 'release', 'estimate', 'actual', 'incidents'],
      reviews.map((r) => [
        r.changeId,
        r.outcome,
        r.reviewedAt,
        r.reviewer,
        r.cost.releaseId ?? '-',
        r.cost.releaseEstimate === null ? '-' : formatAmount(r.cost.releaseEstimate),
        r.cost.releaseActual === null ? 'missing' : formatAmount(r.cost.releaseActual),
        r.incidents.join(',') || '-',
      ]),
      [5, 6],
    )}\n`,
  );
}
