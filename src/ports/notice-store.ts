import type { GovernanceNotice } from '../core/notices/governance-notice.js';
import type { NotificationAttempt } from './notifier.js';

export interface QueuedNotice {
  id: number;
  notice: GovernanceNotice;
  createdAt: string;
}

export interface NoticeDelivery {
  noticeId: number;
  webhookId: number;
  status: 'pending' | 'delivered';
  attempts: number;
  lastError: string | null;
  updatedAt: string;
}

/** Governance notices (approval requests, gate denials) and their delivery to each channel. */
export interface NoticeStore {
  /**
   * Records a notice and a pending delivery to each of these channels that is active; undefined,
   * and nothing written, when a notice with the same key was already queued.
   */
  queueNotice(
    notice: GovernanceNotice,
    webhookIds: readonly number[],
    at: string,
  ): Promise<QueuedNotice | undefined>;
  /** Deliveries still pending (of one notice, or of all), oldest notice first. */
  pendingNoticeDeliveries(
    noticeId?: number,
  ): Promise<{ notice: QueuedNotice; webhookId: number; attempts: number }[]>;
  /** Counts the attempts of one send; the delivery is done when the last one `delivered`. */
  recordNoticeAttempts(
    noticeId: number,
    webhookId: number,
    attempts: readonly NotificationAttempt[],
    delivered: boolean,
  ): Promise<void>;
  /** The newest notices first, each with its deliveries. */
  listNotices(limit: number): Promise<(QueuedNotice & { deliveries: NoticeDelivery[] })[]>;
}
