import { chainEntry, GENESIS_HASH } from '../../../core/audit/audit-chain.js';
import type { GovernanceNotice } from '../../../core/notices/governance-notice.js';
import type { GovernanceDecision } from '../../../ports/governance-store.js';
import type { QueuedNotice } from '../../../ports/notice-store.js';
import type { Stores } from '../../../ports/stores.js';
import type { Actor, AuditChange } from '../../audit/record-audit.js';
import { WriteBatcher } from '../../batching/write-batcher.js';
import { queueGovernanceNotice } from '../../notices/queue-governance-notice.js';

/**
 * What one gate decision leaves behind: its decision-log entry, its audit entry and, for a
 * denial, the notice to the service's owners (queued in the same commit, sent after it).
 */
export interface GateRecords {
  decision: Omit<GovernanceDecision, 'seq' | 'at'>;
  audit: { actor: Actor; change: AuditChange };
  denial?: GovernanceNotice | undefined;
}

/** At most this many decisions share one transaction. */
const MAX_BATCH = 256;

/**
 * Appends gate records in batches (WriteBatcher): the decisions that arrive while one batch is
 * being written are written together next, in one transaction, with one read of the audit
 * chain's head. Each caller's promise settles only when its records are committed, so an
 * answered decision is always recorded (nothing acknowledged is lost).
 */
export class GateRecordBatcher {
  private readonly batcher: WriteBatcher<GateRecords, QueuedNotice | undefined>;

  constructor(private readonly stores: Stores) {
    this.batcher = new WriteBatcher({
      maxBatch: MAX_BATCH,
      writeBatch: (batch) => this.write(batch),
      writeAlone: async (records) => (await this.write([records]))[0],
    });
  }

  /** Resolves, once committed, with the denial notice queued for these records (if any). */
  append(records: GateRecords): Promise<QueuedNotice | undefined> {
    return this.batcher.append(records);
  }

  /** Resolves when every record appended so far is written (for shutdown). */
  idle(): Promise<void> {
    return this.batcher.idle();
  }

  private async write(batch: GateRecords[]): Promise<(QueuedNotice | undefined)[]> {
    const { stores } = this;
    // The channels a denial may go to are read before the commit, once per batch (from memory
    // when the stores cache them): a read inside the transaction made the single writer wait
    // for it, once per denial. A channel added meanwhile gets the next denial's notice.
    const channels = batch.some((records) => records.denial) ? await stores.alerts.listWebhooks() : [];
    return stores.transaction(async () => {
      const decisions = batch.map((records) => records.decision);
      await stores.governance.decisions.appendDecisions(decisions, { numbers: false });
      // One writer at a time: the head read here stays the head until this commit.
      const head = await stores.access.audit.lastEntry();
      let seq = head?.seq ?? 0;
      let prevHash = head?.hash ?? GENESIS_HASH;
      const at = new Date().toISOString();
      const entries = batch.map(({ audit }) => {
        const entry = chainEntry(
          {
            actor: audit.actor.name,
            tokenId: audit.actor.tokenId,
            address: audit.actor.address,
            action: audit.change.action,
            target: audit.change.target,
            before: audit.change.before ?? null,
            after: audit.change.after ?? null,
          },
          ++seq,
          at,
          prevHash,
        );
        prevHash = entry.hash;
        return entry;
      });
      await stores.access.audit.appendEntries(entries);
      // A denial's notice commits with its decision: one commit per batch, not one per denial.
      const notices: (QueuedNotice | undefined)[] = [];
      for (const { denial } of batch)
        notices.push(denial ? await queueGovernanceNotice(stores, denial, channels) : undefined);
      return notices;
    });
  }
}
