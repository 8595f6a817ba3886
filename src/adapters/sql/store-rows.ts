import type { AuditEntry } from '../../core/audit/audit-chain.js';

/** An audit entry as one element of the JSON array both engines' batch inserts read. */
export function auditEntryRow(entry: AuditEntry) {
  return {
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    tokenId: entry.tokenId,
    address: entry.address,
    action: entry.action,
    target: entry.target,
    before: JSON.stringify(entry.before ?? null),
    after: JSON.stringify(entry.after ?? null),
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}
