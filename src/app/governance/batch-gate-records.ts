import { chainEntry, GENESIS_HASH } from '../../core/audit/audit-chain.js';
import type { GovernanceDecision } from '../../ports/governance-store.js';
import type { Stores } from '../../ports/stores.js';
import type { Actor, AuditChange } from '../audit/record-audit.js';

/** What one gate decision leaves behind: its decision-log entry and its audit entry. */
export interface GateRecords {
  decision: Omit<GovernanceDecision, 'seq' | 'at'>;
  audit: { actor: Actor; change: AuditChange };
}

interface Pending {
  records: GateRecords;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** At most this many decisions share one transaction. */
const MAX_BATCH = 256;

/**
 * Appends gate records in batches: the decisions that arrive while one batch is being written
 * are written together next, in one transaction, with one read of the audit chain's head.
 * Each caller's promise settles only when its records are committed, so an answered decision
 * is always recorded (nothing acknowledged is lost). When a batch fails, each of its records
 * is written again alone, so one bad record never fails the others.
 */
export class GateRecordBatcher {
  private readonly queue: Pending[] = [];
  private writing: Promise<void> | undefined;

  constructor(private readonly stores: Stores) {}

  append(records: GateRecords): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Starts a writer unless one is running. The writer first lets one turn of the event loop
   * pass (requests already read join the batch), and when it stops it looks at the queue once
   * more: something appended while it was finishing would otherwise wait for the next append.
   */
  private schedule(): void {
    if (this.writing) return;
    this.writing = (async () => {
      await new Promise<void>((started) => setImmediate(started));
      try {
        await this.drain();
      } finally {
        this.writing = undefined;
        if (this.queue.length > 0) this.schedule();
      }
    })();
  }

  /** Resolves when every record appended so far is written (for shutdown). */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.write(batch.map((pending) => pending.records));
        for (const pending of batch) pending.resolve();
      } catch {
        for (const pending of batch) {
          try {
            await this.write([pending.records]);
            pending.resolve();
          } catch (error) {
            pending.reject(error);
          }
        }
      }
    }
  }

  private write(batch: GateRecords[]): Promise<void> {
    const { stores } = this;
    return stores.transaction(async () => {
      const decisions = batch.map((records) => records.decision);
      const log = stores.governance.decisions;
      if (log.appendDecisions) await log.appendDecisions(decisions, { numbers: false });
      else for (const decision of decisions) await log.appendDecision(decision);
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
      const audit = stores.access.audit;
      if (audit.appendEntries) await audit.appendEntries(entries);
      else for (const entry of entries) await audit.append(entry);
    });
  }
}
