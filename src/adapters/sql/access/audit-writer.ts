import type { AuditEntry } from '../../../core/audit/audit-chain.js';

/**
 * How an engine finds the head of the audit chain and writes entries after it: the one part
 * of the audit log that differs by engine. `readHead` and `insert` are the shared SQL; a
 * writer decides when to use them.
 */
export interface AuditWriter {
  lastEntry(readHead: () => Promise<AuditEntry | undefined>): Promise<AuditEntry | undefined>;
  appendEntries(entries: AuditEntry[], insert: (entries: AuditEntry[]) => Promise<void>): Promise<void>;
}
