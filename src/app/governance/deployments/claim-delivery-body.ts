import { createHash } from 'node:crypto';
import { TollgateError } from '../../../core/errors.js';
import type { WebhookBodyClaim } from '../../../ports/audit-webhook-deliveries.js';
import type { Stores } from '../../../ports/stores.js';

/** A signed delivery's body, to be claimed in the transaction that acts on it. */
export interface BodyGuard {
  claim: WebhookBodyClaim;
  windowSeconds: number;
}

/** The guard for a body received now under this id, kept for twice the timestamp window (either way of the clock). */
export function guardDeliveryBody(
  provider: string,
  deliveryId: string,
  body: Buffer,
  nowSeconds: number,
  windowSeconds: number,
): BodyGuard {
  return {
    windowSeconds,
    claim: {
      provider,
      deliveryId,
      bodySha256: createHash('sha256').update(body).digest('hex'),
      expiresAt: new Date((nowSeconds + 2 * windowSeconds) * 1000).toISOString(),
    },
  };
}

/**
 * Claims the body for this delivery in the stores' current transaction, or refuses the
 * delivery as a replay when another id delivered it within the window. The claim is in the
 * database, so every API process sharing it refuses the replay, and it commits or rolls back
 * with the delivery's effect.
 */
export async function claimDeliveryBody(stores: Stores, guard: BodyGuard | undefined): Promise<void> {
  if (guard === undefined) return;
  const earlier = await stores.access.deliveries.claimBody(guard.claim, new Date().toISOString());
  if (earlier === undefined) return;
  throw replayOf(guard);
}

function replayOf(guard: BodyGuard): TollgateError {
  return new TollgateError(
    'WEBHOOK_REPLAY',
    `This body was already delivered under another X-Tollgate-Delivery within the last ${guard.windowSeconds} s; nothing was recorded. A retry keeps its delivery id.`,
    'conflict',
  );
}

/**
 * Claims the bodies of several deliveries at once (a batch), in one lookup and one insert;
 * refuses with WEBHOOK_REPLAY when any of them is a replay (the caller then acts on each
 * delivery alone, and the replay is refused by itself).
 */
export async function claimDeliveryBodies(
  stores: Stores,
  guards: readonly (BodyGuard | undefined)[],
): Promise<void> {
  const present = guards.filter((guard) => guard !== undefined);
  if (present.length === 0) return;
  const earlier = await stores.access.deliveries.claimBodies(
    present.map((guard) => guard.claim),
    new Date().toISOString(),
  );
  const replay = earlier.findIndex((id) => id !== undefined);
  if (replay >= 0) throw replayOf(present[replay]!);
}
