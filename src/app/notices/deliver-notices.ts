import { buildNoticeBody } from '../../core/notices/notice-payloads.js';
import type { Notifier } from '../../ports/notifier.js';
import type { Stores } from '../../ports/stores.js';

export interface NoticeDeliveryResult {
  noticeId: number;
  webhookId: number;
  delivered: boolean;
  attempts: number;
  lastError: string | null;
}

/**
 * Sends pending notice deliveries (one notice's, right after it was queued, or every pending one,
 * as the scheduler does) through the alert notifier: the same timeout, retries with backoff and
 * refusal of private and metadata targets. A delivery that fails stays pending for the next run.
 */
export async function deliverNotices(
  stores: Stores,
  notifier: Notifier,
  noticeId?: number,
): Promise<NoticeDeliveryResult[]> {
  const pending = await stores.notices.pendingNoticeDeliveries(noticeId);
  if (pending.length === 0) return [];
  const channels = new Map((await stores.alerts.listWebhooks()).map((w) => [w.id, w]));
  const results: NoticeDeliveryResult[] = [];
  for (const delivery of pending) {
    const channel = channels.get(delivery.webhookId);
    if (!channel) continue;
    const outcome = await notifier.send(
      channel,
      buildNoticeBody(delivery.notice.notice, channel.format, channel.secret),
    );
    await stores.transaction(() =>
      stores.notices.recordNoticeAttempts(
        delivery.notice.id,
        channel.id,
        outcome.attempts,
        outcome.delivered,
      ),
    );
    results.push({
      noticeId: delivery.notice.id,
      webhookId: channel.id,
      delivered: outcome.delivered,
      attempts: outcome.attempts.length,
      lastError: outcome.attempts.at(-1)?.error ?? null,
    });
  }
  return results;
}
