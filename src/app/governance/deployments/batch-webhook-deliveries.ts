import { chainEntry, GENESIS_HASH } from '../../../core/audit/audit-chain.js';
import type { WebhookDelivery } from '../../../ports/audit-webhook-deliveries.js';
import type { Stores } from '../../../ports/stores.js';
import type { Actor } from '../../audit/record-audit.js';
import { WriteBatcher } from '../../batching/write-batcher.js';
import { type BodyGuard, claimDeliveryBodies } from './claim-delivery-body.js';
import type { WebhookResult } from './handle-webhooks.js';
import { deploymentDecision, duplicateDelivery, type PreparedDeployment } from './record-deployments.js';

/** One delivery that records a deployment, checked and priced before it queues. */
export interface QueuedDelivery {
  provider: string;
  deliveryId: string;
  event: string;
  actor: Actor;
  deployment: PreparedDeployment;
  /** A signed body claimed with the delivery, so the same body under another id is a replay. */
  bodyGuard?: BodyGuard;
  /** Acts on this delivery alone (the unbatched way), when its batch could not be written. */
  alone: () => Promise<WebhookResult>;
}

/** At most this many deliveries share one transaction. */
const MAX_BATCH = 128;

/**
 * Records webhook deliveries in batches, each delivery at most once, with a few statements
 * per batch instead of about ten per delivery.
 * 1. The deliveries that arrive while one batch is being written are written together next,
 *    in one transaction: one lookup of the delivery ids already stored, one of the delivery
 *    keys already recorded, ids for the new deployments, then one insert each of the
 *    deployments, their decision-log entries, the deliveries and their audit entries (chained
 *    in order after one read of the chain's head).
 * 2. A delivery id already stored, or met earlier in the same batch, is answered as a
 *    duplicate with the outcome first recorded; nothing else is written for it.
 * 3. A delivery whose deployment (its delivery key) is recorded already is stored with the
 *    outcome 'duplicate', as when it is processed alone.
 * 4. The fresh deliveries' signed bodies are claimed together, in one lookup and one insert
 *    (see claimDeliveryBodies); a replay fails the batch, and the fallback below refuses that
 *    one delivery alone.
 * 5. Each caller's promise settles only when the batch has committed: an acknowledged delivery
 *    is recorded. When a batch fails, each of its deliveries is processed again alone, so one
 *    bad delivery never fails the others.
 */
export class WebhookDeliveryBatcher {
  private readonly batcher: WriteBatcher<QueuedDelivery, WebhookResult>;

  constructor(private readonly stores: Stores) {
    this.batcher = new WriteBatcher({
      maxBatch: MAX_BATCH,
      writeBatch: (batch) => this.write(batch),
      writeAlone: (delivery) => delivery.alone(),
    });
  }

  append(delivery: QueuedDelivery): Promise<WebhookResult> {
    return this.batcher.append(delivery);
  }

  /** Resolves when every delivery appended so far is written (for shutdown and tests). */
  idle(): Promise<void> {
    return this.batcher.idle();
  }

  private write(batch: QueuedDelivery[]): Promise<WebhookResult[]> {
    const { stores } = this;
    return stores.transaction(async () => {
      const seen = await this.storedOutcomes(batch);
      const recorded = await stores.governance.deployments.findDeploymentIdsByDeliveryKeys(
        batch.map((delivery) => delivery.deployment.deliveryKey),
      );
      const results: WebhookResult[] = [];
      const fresh: { delivery: QueuedDelivery; index: number }[] = [];
      const keysInBatch = new Map<string, number>();
      for (const [index, delivery] of batch.entries()) {
        const base = { deliveryId: delivery.deliveryId, event: delivery.event };
        const outcome = seen.get(deliveryName(delivery));
        if (outcome !== undefined) {
          results.push({ ...base, status: 'duplicate', outcome });
          continue;
        }
        // Until the batch is written, a later delivery of the same id is a replay of this one.
        seen.set(deliveryName(delivery), 'pending');
        results.push({ ...base, status: 'processed', outcome: 'pending' });
        fresh.push({ delivery, index });
      }
      const newDeployments: { delivery: QueuedDelivery; index: number }[] = [];
      for (const entry of fresh) {
        const key = entry.delivery.deployment.deliveryKey;
        const earlier = recorded.get(key);
        if (earlier !== undefined || keysInBatch.has(key)) {
          const error = duplicateDelivery(key, earlier ?? `the delivery ahead of it (${key})`);
          results[entry.index] = {
            ...results[entry.index]!,
            outcome: 'duplicate',
            detail: { message: error.message },
          };
          continue;
        }
        keysInBatch.set(key, entry.index);
        newDeployments.push(entry);
      }
      // The deployments' numbers are drawn before the bodies are claimed: the claims' writes
      // then wait for the COMMIT and go with it, in one call, instead of going before this read.
      const ids = await stores.governance.deployments.nextDeploymentIds(newDeployments.length);
      // A body delivered before under another id fails the batch; each is then processed alone.
      await claimDeliveryBodies(
        stores,
        fresh.map(({ delivery }) => delivery.bodyGuard),
      );
      const deployments = newDeployments.map(({ delivery, index }, n) => {
        const record = { ...delivery.deployment.record, id: ids[n]! };
        results[index] = {
          ...results[index]!,
          outcome: 'recorded',
          detail: { deploymentId: record.id, cost: delivery.deployment.cost },
        };
        return { record, cost: delivery.deployment.cost, prepared: delivery.deployment };
      });
      // Within a batch the outcomes of the replays of a fresh delivery are now known.
      const outcomes = new Map<string, string>();
      for (const { delivery, index } of fresh) outcomes.set(deliveryName(delivery), results[index]!.outcome);
      for (const [index, delivery] of batch.entries())
        if (results[index]!.status === 'duplicate' && results[index]!.outcome === 'pending')
          results[index] = { ...results[index]!, outcome: outcomes.get(deliveryName(delivery))! };

      await stores.governance.deployments.insertDeployments(deployments);
      for (const { record } of deployments)
        if (record.changeRequestId !== undefined && record.outcome === 'succeeded')
          await stores.governance.changes.setChangeStatus(
            record.changeRequestId,
            'closed',
            record.finishedAt,
          );
      const decisions = deployments.map(({ record, prepared }) => deploymentDecision(prepared, record.id));
      await stores.governance.decisions.appendDecisions(decisions, { numbers: false });

      const receivedAt = new Date().toISOString();
      const stored: WebhookDelivery[] = fresh.map(({ delivery, index }) => ({
        provider: delivery.provider,
        deliveryId: delivery.deliveryId,
        event: delivery.event,
        receivedAt,
        outcome: results[index]!.outcome,
        detail: results[index]!.detail,
      }));
      await stores.access.deliveries.saveDeliveries(stored);
      await this.audit(fresh.map(({ delivery, index }) => ({ delivery, result: results[index]! })));
      return results;
    });
  }

  /** The outcome stored for each delivery of the batch already acted on (a failed GitHub answer does not count). */
  private async storedOutcomes(batch: QueuedDelivery[]): Promise<Map<string, string>> {
    const deliveries = this.stores.access.deliveries;
    const byProvider = new Map<string, string[]>();
    for (const delivery of batch)
      byProvider.set(delivery.provider, [...(byProvider.get(delivery.provider) ?? []), delivery.deliveryId]);
    const outcomes = new Map<string, string>();
    for (const [provider, ids] of byProvider) {
      for (const delivery of await deliveries.getDeliveries(provider, [...new Set(ids)]))
        if (delivery.outcome !== 'answer-failed')
          outcomes.set(`${delivery.provider}\u0000${delivery.deliveryId}`, delivery.outcome);
    }
    return outcomes;
  }

  /** One audit entry per delivery acted on, chained in batch order after the head. */
  private async audit(acted: { delivery: QueuedDelivery; result: WebhookResult }[]): Promise<void> {
    const audit = this.stores.access.audit;
    // One writer at a time: the head read here stays the head until this commit.
    const head = await audit.lastEntry();
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const at = new Date().toISOString();
    const entries = acted.map(({ delivery, result }) => {
      const entry = chainEntry(
        {
          actor: delivery.actor.name,
          tokenId: delivery.actor.tokenId,
          address: delivery.actor.address,
          action: `webhooks.${delivery.provider}.${delivery.event}`,
          target: `delivery:${delivery.provider}:${delivery.deliveryId}`,
          before: null,
          after: { outcome: result.outcome, detail: result.detail },
        },
        ++seq,
        at,
        prevHash,
      );
      prevHash = entry.hash;
      return entry;
    });
    await audit.appendEntries(entries);
  }
}

function deliveryName(delivery: QueuedDelivery): string {
  return `${delivery.provider}\u0000${delivery.deliveryId}`;
}
