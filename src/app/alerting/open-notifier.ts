import {
  DEFAULT_NOTIFIER_OPTIONS,
  WebhookNotifier,
  type WebhookNotifierOptions,
} from '../../adapters/notify/webhook-notifier.js';
import type { Notifier } from '../../ports/notifier.js';

/** The notifier the CLI and API use: signed webhooks with timeout, retries and backoff. */
export function openNotifier(options: Partial<WebhookNotifierOptions> = {}): Notifier {
  return new WebhookNotifier({ ...DEFAULT_NOTIFIER_OPTIONS, ...options });
}
