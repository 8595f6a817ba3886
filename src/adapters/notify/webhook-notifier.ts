import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { normaliseHostName, refusedTargetReason } from '../../core/alerting/webhook-url.js';
import type { Webhook } from '../../ports/alert-store.js';
import type { NotificationAttempt, NotificationResult, Notifier } from '../../ports/notifier.js';

export interface WebhookNotifierOptions {
  /** A receiver that has not answered by then is given up on for this attempt. */
  timeoutMs: number;
  /** Attempts per send, the first included. */
  attempts: number;
  /** Wait before the second attempt; doubled before each further one (exponential backoff). */
  backoffMs: number;
  /** Loopback and private targets allowed (on-premises receivers); link-local and metadata never are. */
  allowPrivate: boolean;
  /** Resolves a host name to its addresses at delivery time (DNS; a stub in tests). */
  resolveHost: (hostname: string) => Promise<string[]>;
}

async function resolveWithDns(hostname: string): Promise<string[]> {
  return (await lookup(hostname, { all: true })).map((entry) => entry.address);
}

export const DEFAULT_NOTIFIER_OPTIONS: WebhookNotifierOptions = {
  timeoutMs: 5000,
  attempts: 3,
  backoffMs: 1000,
  // Refused unless the operator allows on-premises receivers (TOLLGATE_WEBHOOK_ALLOW_PRIVATE).
  allowPrivate: false,
  resolveHost: resolveWithDns,
};

/** Header names a receiver verifies: HMAC-SHA256 over `${timestamp}.${body}` with the webhook's secret. */
export const SIGNATURE_HEADER = 'x-tollgate-signature';
export const TIMESTAMP_HEADER = 'x-tollgate-timestamp';

export function signBody(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** 5xx, 408 and 429 and network failures are worth another try; other 4xx answers will not change. */
function isRetryable(status: number | null): boolean {
  return status === null || status >= 500 || status === 408 || status === 429;
}

/**
 * A target's addresses checked at delivery time, not only when the channel was added: a name may
 * resolve elsewhere later (DNS rebinding). Every address must pass; the first that does not is
 * answered with the reason.
 */
export async function findBlockedAddress(
  hostname: string,
  options: Pick<WebhookNotifierOptions, 'allowPrivate' | 'resolveHost'>,
): Promise<{ address: string; reason: string } | undefined> {
  const host = normaliseHostName(hostname);
  const check = (address: string) => {
    const reason = refusedTargetReason(address, options.allowPrivate);
    return reason ? { address, reason } : undefined;
  };
  if (isIP(host)) return check(host);
  const byName = check(host);
  if (byName) return byName;
  let addresses: string[];
  try {
    addresses = await options.resolveHost(host);
  } catch {
    // Unresolvable names fail in the delivery and are recorded there as unreachable.
    return undefined;
  }
  for (const address of addresses) {
    const blocked = check(address);
    if (blocked) return blocked;
  }
  return undefined;
}

/**
 * Posts alert bodies to webhooks: signed (timestamp + HMAC, so receivers can verify and reject
 * replays), bounded by a timeout, retried with exponential backoff, redirects not followed
 * (a redirect could point at a metadata address), and the host's resolved addresses checked so
 * a name cannot smuggle a link-local target past the URL check.
 */
export class WebhookNotifier implements Notifier {
  constructor(private readonly options: WebhookNotifierOptions = DEFAULT_NOTIFIER_OPTIONS) {}

  async send(webhook: Webhook, body: string): Promise<NotificationResult> {
    const attempts: NotificationAttempt[] = [];
    const url = new URL(webhook.url);
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      if (attempt > 1) await sleep(this.options.backoffMs * 2 ** (attempt - 2));
      const at = new Date().toISOString();
      const started = performance.now();
      const record = (httpStatus: number | null, error: string | null) =>
        attempts.push({
          attempt,
          at,
          httpStatus,
          error,
          durationMs: Math.round(performance.now() - started),
        });
      const blocked = await findBlockedAddress(url.hostname, this.options);
      if (blocked) {
        record(
          null,
          blocked.address === normaliseHostName(url.hostname)
            ? `refused: ${blocked.address} is ${blocked.reason}`
            : `refused: ${url.hostname} resolves to ${blocked.address}, ${blocked.reason}`,
        );
        return { delivered: false, attempts };
      }
      const timestamp = String(Math.floor(Date.now() / 1000));
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Tollgate-Webhook/1',
            [TIMESTAMP_HEADER]: timestamp,
            [SIGNATURE_HEADER]: signBody(webhook.secret, timestamp, body),
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.status >= 200 && response.status < 300) {
          record(response.status, null);
          return { delivered: true, attempts };
        }
        record(response.status, `receiver answered HTTP ${response.status}`);
        if (!isRetryable(response.status)) return { delivered: false, attempts };
      } catch (error) {
        const name = (error as Error).name;
        record(
          null,
          name === 'TimeoutError' || name === 'AbortError'
            ? `no answer within ${this.options.timeoutMs} ms`
            : `cannot reach receiver: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`,
        );
      }
    }
    return { delivered: false, attempts };
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
