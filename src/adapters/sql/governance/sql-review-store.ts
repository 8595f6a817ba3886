import type {
  PostImplementationReview,
  ReviewOutcome,
} from '../../../core/governance/reviews/post-implementation-review.js';
import type { ReviewStore } from '../../../ports/review-store.js';
import { trimMoney } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

interface ReviewRow extends Record<string, unknown> {
  change_id: string;
  outcome: ReviewOutcome;
  reviewed_at: string;
  reviewer: string;
  lessons: string;
  incidents_json: string;
  cost_currency: string | null;
  change_estimate: string;
  release_id: string | null;
  release_estimate: string | null;
  release_actual: string | null;
  actual_note: string | null;
  recorded_at: string;
  updated_at: string;
}

const money = (value: string | null) => (value === null ? null : trimMoney(value));

function toReview(row: ReviewRow): PostImplementationReview {
  return {
    changeId: row.change_id,
    outcome: row.outcome,
    reviewedAt: row.reviewed_at,
    reviewer: row.reviewer,
    lessons: row.lessons,
    incidents: JSON.parse(row.incidents_json) as string[],
    cost: {
      currency: row.cost_currency,
      changeEstimate: trimMoney(row.change_estimate),
      releaseId: row.release_id,
      releaseEstimate: money(row.release_estimate),
      releaseActual: money(row.release_actual),
      actualNote: row.actual_note,
    },
    recordedAt: row.recorded_at,
    updatedAt: row.updated_at,
  };
}

/** Post-implementation reviews on either engine: one row per change, replaced on update. */
export class SqlReviewStore implements ReviewStore {
  private readonly columns: string;

  constructor(
    private readonly db: SqlDatabase,
    dialect: SqlDialect,
  ) {
    const { isoColumn, moneyColumn } = dialect;
    this.columns = `change_id, outcome, ${isoColumn('reviewed_at')}, reviewer, lessons, incidents_json, cost_currency,
      ${moneyColumn('change_estimate')}, release_id, ${moneyColumn('release_estimate')}, ${moneyColumn('release_actual')},
      actual_note, ${isoColumn('recorded_at')}, ${isoColumn('updated_at')}`;
  }

  async getReview(changeId: string): Promise<PostImplementationReview | undefined> {
    const row = await this.db.one<ReviewRow>(
      `SELECT ${this.columns} FROM post_implementation_reviews WHERE change_id = $changeId`,
      { changeId },
    );
    return row ? toReview(row) : undefined;
  }

  async listReviews(): Promise<PostImplementationReview[]> {
    const rows = await this.db.all<ReviewRow>(
      `SELECT ${this.columns} FROM post_implementation_reviews
       ORDER BY post_implementation_reviews.reviewed_at, change_id`,
    );
    return rows.map(toReview);
  }

  async saveReview(review: PostImplementationReview): Promise<void> {
    await this.db.run(
      `INSERT INTO post_implementation_reviews (change_id, outcome, reviewed_at, reviewer, lessons, incidents_json,
         cost_currency, change_estimate, release_id, release_estimate, release_actual, actual_note, recorded_at, updated_at)
       VALUES ($changeId, $outcome, CAST($reviewedAt AS TIMESTAMP), $reviewer, $lessons, $incidents,
         CAST($currency AS TEXT), CAST($changeEstimate AS NUMERIC(38,16)), CAST($releaseId AS TEXT),
         CAST($releaseEstimate AS NUMERIC(38,16)), CAST($releaseActual AS NUMERIC(38,16)), CAST($actualNote AS TEXT),
         CAST($recordedAt AS TIMESTAMP), CAST($updatedAt AS TIMESTAMP))
       ON CONFLICT (change_id) DO UPDATE SET outcome = excluded.outcome, reviewed_at = excluded.reviewed_at,
         reviewer = excluded.reviewer, lessons = excluded.lessons, incidents_json = excluded.incidents_json,
         cost_currency = excluded.cost_currency, change_estimate = excluded.change_estimate,
         release_id = excluded.release_id, release_estimate = excluded.release_estimate,
         release_actual = excluded.release_actual, actual_note = excluded.actual_note, updated_at = excluded.updated_at`,
      {
        changeId: review.changeId,
        outcome: review.outcome,
        reviewedAt: review.reviewedAt,
        reviewer: review.reviewer,
        lessons: review.lessons,
        incidents: JSON.stringify(review.incidents),
        currency: review.cost.currency,
        changeEstimate: review.cost.changeEstimate,
        releaseId: review.cost.releaseId,
        releaseEstimate: review.cost.releaseEstimate,
        releaseActual: review.cost.releaseActual,
        actualNote: review.cost.actualNote,
        recordedAt: review.recordedAt,
        updatedAt: review.updatedAt,
      },
    );
  }
}
