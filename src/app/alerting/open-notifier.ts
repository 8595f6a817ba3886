import { ChannelNotifier, EmailNotifier } from '../../adapters/notify/email-notifier.js';
import {
  DEFAULT_NOTIFIER_OPTIONS,
  WebhookNotifier,
  type WebhookNotifierOptions,
} from '../../adapters/notify/webhook-notifier.js';
import type { Notifier } from '../../ports/notifier.js';

/**
 * The notifier the CLI and API use: signed webhooks (JSON, Slack, Teams, PagerDuty) and
 * e-mail over SMTP, each with timeout, retries and backoff.
 */
/** What the operator's settings say about where alerts may be delivered. */
export interface AlertDeliverySettings {
  /** Loopback and private receivers allowed (TOLLGATE_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate: boolean;
}

export function openNotifier(options: Partial<WebhookNotifierOptions> = {}): Notifier {
  const settings = { ...DEFAULT_NOTIFIER_OPTIONS, ...options };
  return new ChannelNotifier(new WebhookNotifier(settings), new EmailNotifier(settings));
}
