import type { PostImplementationReview } from '../core/governance/reviews/post-implementation-review.js';

/** Post-implementation reviews: one per change, replaced whole when updated. */
export interface ReviewStore {
  getReview(changeId: string): Promise<PostImplementationReview | undefined>;
  /** Every review, oldest implementation first by review time then change id. */
  listReviews(): Promise<PostImplementationReview[]>;
  /** Inserts the change's review, or replaces the one it has (recordedAt is kept). */
  saveReview(review: PostImplementationReview): Promise<void>;
}
