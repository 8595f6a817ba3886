import type { WebhookFormat } from './webhook-payload.js';

/** A channel as every answer shows it: where it goes, never what lets someone post there. */
export interface MaskedChannel {
  id: number;
  format: WebhookFormat;
  /** The receiver's address with its path and query hidden (Slack and Teams keep their token there). */
  target: string;
  route: string | null;
  /** The secret is set; it is never shown, only replaced. */
  secret: '(hidden)';
}

/**
 * Hides what a channel's address carries: an http(s) receiver shows only its scheme and host
 * (incoming-webhook URLs hold their token in the path), an e-mail channel its recipients (its
 * secret, the SMTP URL with a password, is hidden like every secret).
 */
export function maskChannel(channel: {
  id: number;
  url: string;
  format: WebhookFormat;
  route: string | null;
}): MaskedChannel {
  let target = channel.url;
  if (channel.format !== 'email') {
    const url = new URL(channel.url);
    target = `${url.protocol}//${url.host}${url.pathname === '/' && url.search === '' ? '/' : '/…'}`;
  } else target = channel.url.split('?')[0]!;
  return { id: channel.id, format: channel.format, target, route: channel.route, secret: '(hidden)' };
}
