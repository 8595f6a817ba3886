import type { AuditEntry } from '../core/audit/audit-chain.js';

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  /** Inclusive ISO instant. */
  since?: string;
  /** Exclusive ISO instant. */
  until?: string;
  afterSeq?: number;
  limit?: number;
}

/** The append-only, hash-chained audit log. */
export interface AuditLog {
  /** The newest entry, to chain the next one to; call inside the writing transaction. */
  lastEntry(): Promise<AuditEntry | undefined>;
  append(entry: AuditEntry): Promise<void>;
  /** Several chained entries at once, after lastEntry in the same transaction. */
  appendEntries(entries: AuditEntry[]): Promise<void>;
  listEntries(filter: AuditFilter): Promise<AuditEntry[]>;
  /** Every entry in stored order, for verification and export, in pages. */
  readAll(onPage: (entries: AuditEntry[]) => void | Promise<void>): Promise<void>;
}
