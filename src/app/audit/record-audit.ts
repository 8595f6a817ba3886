import { userInfo } from 'node:os';
import { type AuditEntry, chainEntry, GENESIS_HASH } from '../../core/audit/audit-chain.js';
import type { Stores } from '../../ports/stores.js';

/** Who made a change: the API user and token, or the person at the command line. */
export interface Actor {
  name: string;
  tokenId: string | null;
  address: string | null;
}

/** One state change, described by the use case that made it. */
export interface AuditChange {
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
}

/** Use cases that change state take this, and call it inside their transaction. */
export type RecordChange = (change: AuditChange) => Promise<void>;

/**
 * Appends one entry to the hash-chained audit log. Runs inside the caller's transaction when
 * there is one (so the change and its audit entry commit together), otherwise in its own;
 * transactions are one writer at a time, so the chain never forks.
 */
export async function recordAudit(stores: Stores, actor: Actor, change: AuditChange): Promise<AuditEntry> {
  return stores.transaction(async () => {
    const last = await stores.access.audit.lastEntry();
    const entry = chainEntry(
      {
        actor: actor.name,
        tokenId: actor.tokenId,
        address: actor.address,
        action: change.action,
        target: change.target,
        before: change.before ?? null,
        after: change.after ?? null,
      },
      (last?.seq ?? 0) + 1,
      new Date().toISOString(),
      last?.hash ?? GENESIS_HASH,
    );
    await stores.access.audit.append(entry);
    return entry;
  });
}

export function auditRecorder(stores: Stores, actor: Actor): RecordChange {
  return async (change) => {
    await recordAudit(stores, actor, change);
  };
}

/** The actor of a command typed on this machine. */
export function commandLineActor(): Actor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry for this uid (containers): keep 'unknown'.
  }
  return { name: `cli:${name}`, tokenId: null, address: 'local' };
}
