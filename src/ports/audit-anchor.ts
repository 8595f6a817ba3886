import type { CheckpointReading } from '../core/audit/audit-checkpoint.js';

/**
 * The audit log's head kept apart from the log (a signed checkpoint file), so that entries cut
 * from the end of the log are found without the caller remembering the head.
 */
export interface AuditAnchor {
  /** Where the checkpoints are kept, for messages; null when none is configured (then a no-op). */
  readonly location: string | null;
  /** Records the head unless a checkpoint at or past it is kept already; never moves back. */
  anchorHead(head: { seq: number; hash: string }): Promise<void>;
  /** The furthest checkpoint that verifies with the key, and the first line that does not. */
  readCheckpoints(): Promise<CheckpointReading>;
}
