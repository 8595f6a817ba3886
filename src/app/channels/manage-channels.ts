import { type MaskedChannel, maskChannel } from '../../core/alerting/mask-channel.js';
import type { WebhookFormat } from '../../core/alerting/webhook-payload.js';
import { TollgateError } from '../../core/errors.js';
import { buildNoticeBody } from '../../core/notices/notice-payloads.js';
import { parseRecordNumber } from '../../core/record-number.js';
import type { Webhook } from '../../ports/alert-store.js';
import type { NotificationResult } from '../../ports/notifier.js';
import type { Stores } from '../../ports/stores.js';
import { addWebhook } from '../alerting/manage-alerts.js';
import { type AlertDeliverySettings, openNotifier } from '../alerting/open-notifier.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';

export async function listChannels(stores: Stores): Promise<MaskedChannel[]> {
  return (await stores.alerts.listWebhooks()).map(maskChannel);
}

async function requireChannel(stores: Stores, id: string): Promise<Webhook> {
  const number = parseRecordNumber(id);
  const channel = (await stores.alerts.listWebhooks()).find((w) => w.id === number);
  if (!channel)
    throw new TollgateError(
      'WEBHOOK_NOT_FOUND',
      `No channel #${id}; the list of channels shows their numbers.`,
      'not-found',
    );
  return channel;
}

/** Adds a channel and its audit entry (never its secret) in one transaction. */
export async function createChannel(
  stores: Stores,
  actor: Actor,
  input: { url: string; format: WebhookFormat; secret: string; route?: string | undefined },
  settings: AlertDeliverySettings,
): Promise<MaskedChannel> {
  return stores.transaction(async () => {
    const added = await addWebhook(stores, { ...input, allowPrivate: settings.allowPrivate });
    const masked = maskChannel(added);
    await recordAudit(stores, actor, {
      action: 'alerts.webhooks.add',
      target: `webhook:${added.id}`,
      after: masked,
    });
    return masked;
  });
}

/** Stops sending to a channel (its delivery history stays), audited. */
export async function removeChannel(stores: Stores, actor: Actor, id: string): Promise<MaskedChannel> {
  const channel = await requireChannel(stores, id);
  return stores.transaction(async () => {
    await stores.alerts.removeWebhook(channel.id);
    const masked = maskChannel(channel);
    await recordAudit(stores, actor, {
      action: 'alerts.webhooks.remove',
      target: `webhook:${channel.id}`,
      before: masked,
    });
    return masked;
  });
}

/**
 * Sends one test notice to a channel, in its own format, with the notifier's retries and
 * private-target rules, and says how each attempt went; the test is audited (it posts outside).
 */
export async function testChannel(
  stores: Stores,
  actor: Actor,
  id: string,
  settings: AlertDeliverySettings,
): Promise<{ channel: MaskedChannel } & NotificationResult> {
  const channel = await requireChannel(stores, id);
  const at = new Date().toISOString();
  const body = buildNoticeBody(
    {
      kind: 'approval-request',
      key: `channel-test:${channel.id}:${at}`,
      title: `Test from Tollgate, sent by ${actor.name}: this channel receives notices`,
      service: 'tollgate',
      environment: 'test',
      ownerTeam: '',
      roles: [],
      approvers: [],
      facts: [{ title: 'Channel', value: `#${channel.id} (${channel.format})` }],
      link: '/',
      at,
    },
    channel.format,
    channel.secret,
  );
  const result = await openNotifier({ allowPrivate: settings.allowPrivate }).send(channel, body);
  const masked = maskChannel(channel);
  await recordAudit(stores, actor, {
    action: 'alerts.webhooks.test',
    target: `webhook:${channel.id}`,
    after: { delivered: result.delivered, attempts: result.attempts.length },
  });
  return { channel: masked, ...result };
}
