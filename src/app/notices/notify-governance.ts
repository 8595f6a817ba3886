import type { QueuedNotice } from '../../ports/notice-store.js';
import type { Stores } from '../../ports/stores.js';
import { type AlertDeliverySettings, openNotifier } from '../alerting/open-notifier.js';
import { deliverNotices, type NoticeDeliveryResult } from './deliver-notices.js';

/** Sends a notice just queued (after its transaction committed); nothing when none was queued. */
export function deliverQueuedNotice(
  stores: Stores,
  settings: AlertDeliverySettings,
  queued: QueuedNotice | undefined,
): Promise<NoticeDeliveryResult[]> {
  if (!queued) return Promise.resolve([]);
  return deliverNotices(stores, openNotifier({ allowPrivate: settings.allowPrivate }), queued.id);
}

/** Every pending notice delivery (the scheduler's retry, and the CLI after a local gate). */
export function deliverPendingNotices(
  stores: Stores,
  settings: AlertDeliverySettings,
): Promise<NoticeDeliveryResult[]> {
  return deliverNotices(stores, openNotifier({ allowPrivate: settings.allowPrivate }));
}
