import type { Webhook } from './alert-store.js';

export interface NotificationAttempt {
  attempt: number;
  at: string;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

export interface NotificationResult {
  delivered: boolean;
  attempts: NotificationAttempt[];
}

/** Sends one signed body to one webhook, retrying with backoff; reports every attempt. */
export interface Notifier {
  send(webhook: Webhook, body: string): Promise<NotificationResult>;
}
