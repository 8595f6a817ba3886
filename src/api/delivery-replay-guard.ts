import { createHash } from 'node:crypto';

/**
 * Remembers which delivery id first carried each signed body, for as long as its timestamp is
 * accepted, so the same body sent again under a new id inside the window is refused as a replay
 * (a repeat under the same id is the sender's retry, which the delivery log answers as a
 * duplicate). Held in this process's memory: with several API processes behind a balancer each
 * keeps its own, and the delivery log's id check still holds for retries.
 */
export class DeliveryReplayGuard {
  private readonly seen = new Map<string, { deliveryId: string; untilSeconds: number }>();

  constructor(
    private readonly windowSeconds: number,
    private readonly maxEntries = 100_000,
  ) {}

  /** True when this body was already delivered under another id within the window; else remembers it. */
  isReplay(body: Buffer, deliveryId: string, nowSeconds: number): boolean {
    const key = createHash('sha256').update(body).digest('hex');
    const earlier = this.seen.get(key);
    if (earlier && earlier.untilSeconds >= nowSeconds) return earlier.deliveryId !== deliveryId;
    this.forgetExpired(nowSeconds);
    this.seen.set(key, { deliveryId, untilSeconds: nowSeconds + 2 * this.windowSeconds });
    return false;
  }

  private forgetExpired(nowSeconds: number): void {
    for (const [key, entry] of this.seen) {
      if (entry.untilSeconds >= nowSeconds && this.seen.size < this.maxEntries) break;
      this.seen.delete(key);
    }
  }
}
