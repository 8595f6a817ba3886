import type { AlertCondition, AlertRecord } from '../core/alerting/alert-model.js';
import type { WebhookFormat } from '../core/alerting/webhook-payload.js';

export interface AlertEvent {
  alertId: number;
  at: string;
  event: 'opened' | 'seen' | 'acknowledged' | 'resolved' | 'silenced';
  note: string | null;
}

export interface AlertSilence {
  id: number;
  budget: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
}

export interface Webhook {
  id: number;
  url: string;
  format: WebhookFormat;
  secret: string;
  /** `budget=NAME` or a scope term (`tag:team=payments`): only alerts of matching budgets; null: all. */
  route: string | null;
}

export interface DeliveryAttemptRecord {
  alertId: number;
  webhookId: number;
  attempt: number;
  at: string;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

/** Alerts (deduplicated by key), their history, silences, webhooks and every delivery attempt. */
export interface AlertStore {
  /** The open or acknowledged alert with this key, if any. */
  findActiveAlert(key: string): Promise<AlertRecord | undefined>;
  openAlert(condition: AlertCondition, at: string, silenced: boolean): Promise<AlertRecord>;
  touchAlert(id: number, details: Record<string, unknown>, title: string, at: string): Promise<void>;
  resolveAlert(id: number, at: string, note: string): Promise<void>;
  acknowledgeAlert(id: number, by: string, at: string): Promise<void>;
  getAlert(id: number): Promise<AlertRecord | undefined>;
  /** Active (open or acknowledged) alerts, or every alert with `all`. */
  listAlerts(options?: { all?: boolean; budget?: string }): Promise<AlertRecord[]>;
  listEvents(alertId: number): Promise<AlertEvent[]>;
  addSilence(silence: Omit<AlertSilence, 'id'>, at: string): Promise<AlertSilence>;
  activeSilences(at: string): Promise<AlertSilence[]>;
  addWebhook(webhook: Omit<Webhook, 'id'>, at: string): Promise<Webhook>;
  listWebhooks(): Promise<Webhook[]>;
  removeWebhook(id: number): Promise<boolean>;
  /** Creates pending deliveries of an alert to each of these webhooks that is active (once each). */
  queueDeliveries(alertId: number, at: string, webhookIds: readonly number[]): Promise<void>;
  pendingDeliveries(): Promise<{ alertId: number; webhookId: number; attempts: number }[]>;
  /** Sends an alert again (it escalated) to these webhooks: their deliveries pending anew, or queued. */
  requeueDeliveries(alertId: number, at: string, webhookIds: readonly number[]): Promise<void>;
  recordAttempt(attempt: DeliveryAttemptRecord, delivered: boolean): Promise<void>;
  listAttempts(alertId?: number): Promise<DeliveryAttemptRecord[]>;
}
