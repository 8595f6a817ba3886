import nodemailer from 'nodemailer';
import type { ChannelEmail } from '../../core/alerting/channel-message-formats.js';
import { parseEmailTarget } from '../../core/alerting/email-target.js';
import type { Webhook } from '../../ports/alert-store.js';
import type { NotificationAttempt, NotificationResult, Notifier } from '../../ports/notifier.js';
import { findBlockedAddress, sleep, type WebhookNotifierOptions } from './webhook-notifier.js';

/** SMTP answers 4xx for what may pass later (busy, greylisted); 5xx will not change. */
function isRetryable(code: number | undefined): boolean {
  return code === undefined || (code >= 400 && code < 500);
}

/**
 * Sends alert e-mails over SMTP with nodemailer: the channel's target is `mailto:` recipients
 * (and `?from=`), its secret the SMTP server URL. Same timeout, attempts and backoff as the
 * webhooks; the server's host is checked against link-local and metadata addresses first.
 */
export class EmailNotifier implements Notifier {
  constructor(private readonly options: WebhookNotifierOptions) {}

  async send(channel: Webhook, body: string): Promise<NotificationResult> {
    const target = parseEmailTarget(channel.url);
    const smtp = new URL(channel.secret);
    const email = JSON.parse(body) as ChannelEmail;
    const attempts: NotificationAttempt[] = [];
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      if (attempt > 1) await sleep(this.options.backoffMs * 2 ** (attempt - 2));
      const at = new Date().toISOString();
      const started = performance.now();
      const record = (error: string | null) =>
        attempts.push({
          attempt,
          at,
          httpStatus: null,
          error,
          durationMs: Math.round(performance.now() - started),
        });
      // The SMTP relay is the operator's own setting and is often on the private network: only
      // link-local and metadata addresses are refused for it.
      const blocked = await findBlockedAddress(smtp.hostname, { ...this.options, allowPrivate: true });
      if (blocked) {
        record(`refused: ${smtp.hostname} resolves to ${blocked.address}, ${blocked.reason}`);
        return { delivered: false, attempts };
      }
      const secure = smtp.protocol === 'smtps:';
      const transport = nodemailer.createTransport({
        host: smtp.hostname.replace(/^\[|\]$/g, ''),
        port: smtp.port === '' ? (secure ? 465 : 587) : Number(smtp.port),
        secure,
        ...(smtp.username
          ? { auth: { user: decodeURIComponent(smtp.username), pass: decodeURIComponent(smtp.password) } }
          : {}),
        connectionTimeout: this.options.timeoutMs,
        greetingTimeout: this.options.timeoutMs,
        socketTimeout: this.options.timeoutMs,
      });
      try {
        await transport.sendMail({
          from: target.from ?? `Tollgate <tollgate@${smtp.hostname}>`,
          to: target.to,
          subject: email.subject,
          text: email.text,
          headers: { 'X-Tollgate-Alert': 'yes' },
        });
        record(null);
        return { delivered: true, attempts };
      } catch (error) {
        const failure = error as Error & { responseCode?: number; code?: string };
        record(
          failure.responseCode
            ? `SMTP server answered ${failure.responseCode}: ${failure.message}`
            : `cannot reach SMTP server: ${failure.message}`,
        );
        if (!isRetryable(failure.responseCode)) return { delivered: false, attempts };
      } finally {
        transport.close();
      }
    }
    return { delivered: false, attempts };
  }
}

/** Sends each channel its own way: e-mail over SMTP, every other format as an HTTP POST. */
export class ChannelNotifier implements Notifier {
  constructor(
    private readonly http: Notifier,
    private readonly email: Notifier,
  ) {}

  send(channel: Webhook, body: string): Promise<NotificationResult> {
    return channel.format === 'email' ? this.email.send(channel, body) : this.http.send(channel, body);
  }
}
