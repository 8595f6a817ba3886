import type { AlertRecord } from '../../core/alerting/alert-model.js';
import { parseEmailTarget, validateSmtpUrl } from '../../core/alerting/email-target.js';
import type { WebhookFormat } from '../../core/alerting/webhook-payload.js';
import { parseWebhookRoute } from '../../core/alerting/webhook-route.js';
import { validateWebhookUrl } from '../../core/alerting/webhook-url.js';
import { TollgateError } from '../../core/errors.js';
import { parseRecordNumber } from '../../core/record-number.js';
import type { AlertSilence, Webhook } from '../../ports/alert-store.js';
import type { Stores } from '../../ports/stores.js';
import { requireBudget } from '../budget/manage-budgets.js';

export async function requireAlert(stores: Stores, id: string): Promise<AlertRecord> {
  const number = parseRecordNumber(id);
  const alert = number === undefined ? undefined : await stores.alerts.getAlert(number);
  if (!alert)
    throw new TollgateError(
      'ALERT_NOT_FOUND',
      `No alert #${id}; the list of all alerts shows their numbers.`,
      'not-found',
    );
  return alert;
}

export async function acknowledgeAlert(stores: Stores, id: string, by: string): Promise<AlertRecord> {
  const alert = await requireAlert(stores, id);
  if (alert.status !== 'open')
    throw new TollgateError(
      'ALERT_NOT_OPEN',
      `Alert #${alert.id} is ${alert.status}; only open alerts can be acknowledged.`,
      'conflict',
    );
  await stores.transaction(() => stores.alerts.acknowledgeAlert(alert.id, by, new Date().toISOString()));
  return (await stores.alerts.getAlert(alert.id))!;
}

/** Parses `30m`, `4h`, `2d` into milliseconds, from one minute to 90 days. */
export function parseDuration(text: string): number {
  const match = /^(\d+)\s*(m|h|d)$/.exec(text.trim());
  const ms = match
    ? Number(match[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'm' | 'h' | 'd']
    : Number.NaN;
  if (!Number.isFinite(ms) || ms < 60_000 || ms > 90 * 86_400_000)
    throw new TollgateError(
      'ALERT_BAD_DURATION',
      `Duration '${text}' is not between 1m and 90d; write for example 30m, 4h or 2d.`,
      'usage',
    );
  return ms;
}

/** Silences a budget's alerts (or every budget's, with no budget) for a planned event. */
export async function silenceAlerts(
  stores: Stores,
  input: { budget: string | null; duration: string; reason: string },
): Promise<AlertSilence> {
  const ms = parseDuration(input.duration);
  if (input.reason.trim() === '')
    throw new TollgateError(
      'ALERT_SILENCE_NEEDS_REASON',
      'Say why alerts are silenced: a reason such as a migration or a load test.',
      'usage',
    );
  if (input.budget !== null) await requireBudget(stores, input.budget);
  const start = new Date();
  return stores.transaction(() =>
    stores.alerts.addSilence(
      {
        budget: input.budget,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + ms).toISOString(),
        reason: input.reason.trim(),
      },
      start.toISOString(),
    ),
  );
}

/** A PagerDuty Events API v2 routing (integration) key: 32 letters and digits. */
const ROUTING_KEY = /^[A-Za-z0-9]{32}$/;

/**
 * Checks a channel's target and secret as its format needs them: an http(s) URL and a signing
 * secret (json, slack, teams); the Events API URL and the routing key (pagerduty); mailto:
 * recipients and the SMTP server URL (email).
 */
function checkChannel(input: {
  url: string;
  format: WebhookFormat;
  secret: string;
  allowPrivate: boolean;
}): string {
  if (input.format === 'email') {
    parseEmailTarget(input.url);
    validateSmtpUrl(input.secret);
    return input.url;
  }
  const url = validateWebhookUrl(input.url, { allowPrivate: input.allowPrivate }).toString();
  if (input.format === 'pagerduty') {
    if (!ROUTING_KEY.test(input.secret))
      throw new TollgateError(
        'WEBHOOK_BAD_ROUTING_KEY',
        "A PagerDuty channel's secret is the integration's routing key (32 letters and digits, from the service's Events API v2 integration); give it as the secret.",
        'usage',
      );
    return url;
  }
  if (input.secret.length < 16)
    throw new TollgateError(
      'WEBHOOK_WEAK_SECRET',
      'The webhook secret signs every request; give at least 16 characters (for example from openssl rand -hex 32).',
      'usage',
    );
  return url;
}

export async function addWebhook(
  stores: Stores,
  input: {
    url: string;
    format: WebhookFormat;
    secret: string;
    route?: string | undefined;
    /** Loopback and private receivers allowed (the operator's TOLLGATE_WEBHOOK_ALLOW_PRIVATE). */
    allowPrivate: boolean;
  },
): Promise<Webhook> {
  const route = input.route === undefined ? null : parseWebhookRoute(input.route);
  const url = checkChannel(input);
  return stores.transaction(() =>
    stores.alerts.addWebhook(
      { url, format: input.format, secret: input.secret, route },
      new Date().toISOString(),
    ),
  );
}
