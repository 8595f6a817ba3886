import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { evaluateAlerts } from '../../src/app/alerting/evaluate-alerts.js';
import { addWebhook } from '../../src/app/alerting/manage-alerts.js';
import { openNotifier } from '../../src/app/alerting/open-notifier.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { setBudget } from '../../src/app/budget/manage-budgets.js';
import type { WebhookFormat } from '../../src/core/alerting/webhook-payload.js';
import type { ErrorKind } from '../../src/core/errors.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';
import { daysFrom, ingestFixture } from './cost-fixture.js';

const dir = makeTempDir();
const db = join(dir, 'channels.duckdb');
const ROUTING_KEY = 'R0ut1ngKeyOfThirtyTwoCharacters0';
const SMTP_USER = 'tollgate';
const SMTP_PASSWORD = 'mail-password';

// biome-ignore lint/suspicious/noExplicitAny: the receivers check shapes of every kind
type Json = any;

/** What Teams' webhook accepts: a message whose first attachment is an Adaptive Card. */
function teamsShapeError(body: Json): string | null {
  if (body?.type !== 'message') return 'type must be "message"';
  const card = body.attachments?.[0];
  if (card?.contentType !== 'application/vnd.microsoft.card.adaptive')
    return 'attachment is not an adaptive card';
  if (card.content?.type !== 'AdaptiveCard' || typeof card.content.version !== 'string')
    return 'content is not a card';
  if (!Array.isArray(card.content.body) || card.content.body[0]?.type !== 'TextBlock')
    return 'card has no TextBlock';
  return null;
}

/** PagerDuty Events API v2's rules, as its documentation states them. */
function pagerDutyShapeError(body: Json): string | null {
  if (typeof body?.routing_key !== 'string' || body.routing_key.length !== 32)
    return 'routing_key must be 32 characters';
  if (!['trigger', 'acknowledge', 'resolve'].includes(body.event_action)) return 'bad event_action';
  if (body.event_action !== 'trigger')
    return typeof body.dedup_key === 'string' ? null : 'dedup_key required';
  if (typeof body.dedup_key !== 'string' || body.dedup_key.length > 255) return 'bad dedup_key';
  const payload = body.payload;
  if (typeof payload?.summary !== 'string' || payload.summary.length > 1024)
    return 'payload.summary required';
  if (typeof payload.source !== 'string' || payload.source === '') return 'payload.source required';
  if (!['critical', 'error', 'warning', 'info'].includes(payload.severity)) return 'bad payload.severity';
  if (payload.timestamp !== undefined && Number.isNaN(Date.parse(payload.timestamp))) return 'bad timestamp';
  return null;
}

const teamsCards: { path: string; body: Json }[] = [];
const pagerDutyEvents: Json[] = [];
/** Incidents as PagerDuty keeps them: one per dedup key, triggered or resolved. */
const incidents = new Map<string, { status: 'triggered' | 'resolved'; triggers: number }>();
const refusedShapes: string[] = [];

function answer(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const http = createServer((request: IncomingMessage, response: ServerResponse) => {
  let text = '';
  request.on('data', (chunk) => {
    text += chunk;
  });
  request.on('end', () => {
    const body = JSON.parse(text);
    if (request.url === '/v2/enqueue') {
      const error = pagerDutyShapeError(body);
      if (error) {
        refusedShapes.push(error);
        return answer(response, 400, {
          status: 'invalid event',
          message: 'Event object is invalid',
          errors: [error],
        });
      }
      pagerDutyEvents.push(body);
      const incident = incidents.get(body.dedup_key) ?? { status: 'triggered', triggers: 0 };
      if (body.event_action === 'trigger') incident.triggers += 1;
      else if (body.event_action === 'resolve') incident.status = 'resolved';
      incidents.set(body.dedup_key, incident);
      return answer(response, 202, {
        status: 'success',
        message: 'Event processed',
        dedup_key: body.dedup_key,
      });
    }
    const error = teamsShapeError(body);
    if (error) {
      refusedShapes.push(error);
      return answer(response, 400, { error });
    }
    teamsCards.push({ path: request.url ?? '', body });
    response.writeHead(202).end();
  });
});

const mails: { from: string; to: string[]; raw: string }[] = [];
const smtp = new SMTPServer({
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true,
  logger: false,
  onAuth(auth, _session, callback) {
    if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: SMTP_USER });
    else callback(new Error('Invalid username or password'));
  },
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (chunk) => {
      raw += chunk;
    });
    stream.on('end', () => {
      mails.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        raw,
      });
      callback();
    });
  },
});

// The receivers run on this machine: on-premises receivers allowed, as their operator would set it.
const notifier = openNotifier({ allowPrivate: true, timeoutMs: 5000, attempts: 1, backoffMs: 10 });
const evaluate = (asOf: string) =>
  withStores(db, (stores) => evaluateAlerts(stores, notifier, asOf, commandLineActor()));
let httpBase = '';
let smtpPort = 0;

describe('alert channels: Teams, PagerDuty and e-mail, routed per owner like the webhooks', () => {
  before(async () => {
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    httpBase = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    smtpPort = (smtp.server.address() as AddressInfo).port;
    // A steady 100 a day: a 3,000 May budget passes 50% after 15 days, 80% after 24.
    await ingestFixture(
      db,
      dir,
      'costs.csv',
      daysFrom('2026-02-01', 130).map((day) => ({ day, cost: '100', team: 'payments' })),
    );
    await withStores(db, async (stores) => {
      await setBudget(stores, {
        name: 'payments',
        scope: 'tag:team=payments',
        amount: '3000',
        currency: 'USD',
        thresholds: ['actual:50', 'actual:80', 'actual:100'],
      });
      const channels: { url: string; format: WebhookFormat; secret: string; route: string }[] = [
        {
          url: `${httpBase}/teams/payments`,
          format: 'teams',
          secret: 'a-shared-secret-of-32-characters',
          route: 'tag:team=payments',
        },
        {
          url: `${httpBase}/teams/search`,
          format: 'teams',
          secret: 'a-shared-secret-of-32-characters',
          route: 'tag:team=search',
        },
        { url: `${httpBase}/v2/enqueue`, format: 'pagerduty', secret: ROUTING_KEY, route: 'budget=payments' },
        {
          url: 'mailto:payments-oncall@example.com,finops@example.com?from=tollgate@example.com',
          format: 'email',
          secret: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${smtpPort}`,
          route: 'tag:team=payments',
        },
      ];
      for (const channel of channels) await addWebhook(stores, { ...channel, allowPrivate: true });
    });
  });
  after(async () => {
    http.closeAllConnections();
    http.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('sends a new alert to the team’s Teams channel, pages PagerDuty once and mails the owners', async () => {
    const result = await evaluate('2026-05-20');
    const opened = result.opened.filter((alert) => alert.kind === 'threshold');
    assert.equal(opened.length, 1);
    assert.ok(
      result.deliveries.every((delivery) => delivery.delivered),
      JSON.stringify(result.deliveries),
    );
    assert.deepEqual(refusedShapes, []);
    assert.deepEqual(
      teamsCards.map((card) => card.path),
      result.opened.map(() => '/teams/payments'),
    );
    const card = teamsCards[0]!.body.attachments[0].content;
    assert.match(card.body[0].text, /^\[TICKET\] Budget payments/);
    assert.deepEqual(card.body[1].facts[0], { title: 'Budget', value: 'payments' });

    const trigger = pagerDutyEvents.find((event) => event.payload?.class === 'threshold');
    assert.equal(trigger.event_action, 'trigger');
    assert.equal(trigger.routing_key, ROUTING_KEY);
    assert.equal(trigger.dedup_key, `tollgate:${opened[0]!.key}`);
    assert.equal(trigger.payload.severity, 'warning');
    assert.equal(trigger.payload.component, 'payments');

    assert.equal(mails.length, result.opened.length);
    assert.deepEqual(mails[0]!.to, ['payments-oncall@example.com', 'finops@example.com']);
    assert.equal(mails[0]!.from, 'tollgate@example.com');
    assert.match(mails[0]!.raw, /^Subject: \[Tollgate (ticket|page)\] /m);
    assert.match(mails[0]!.raw, /Budget: payments/);
  });

  it('an escalation triggers again with the same dedup key: one PagerDuty incident, not two', async () => {
    const result = await evaluate('2026-05-27');
    assert.equal(result.escalated.length, 1);
    const key = `tollgate:${(await withStores(db, (stores) => stores.alerts.getAlert(result.escalated[0]!)))!.key}`;
    assert.deepEqual(incidents.get(key), { status: 'triggered', triggers: 2 });
    assert.equal([...incidents.keys()].filter((k) => k === key).length, 1);
  });

  it('a resolved alert sends PagerDuty a resolve event for its dedup key, and nothing to the others', async () => {
    const cards = teamsCards.length;
    const sent = mails.length;
    const result = await evaluate('2026-06-03');
    assert.ok(result.resolved.length >= 1, JSON.stringify(result));
    for (const id of result.resolved) {
      const alert = await withStores(db, (stores) => stores.alerts.getAlert(id));
      const key = `tollgate:${alert!.key}`;
      assert.equal(incidents.get(key)?.status, 'resolved', key);
      const last = pagerDutyEvents.filter((event) => event.dedup_key === key).at(-1);
      assert.deepEqual(last, { routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: key });
    }
    assert.equal(teamsCards.length - cards, result.opened.length);
    assert.equal(mails.length - sent, result.opened.length);
  });

  it('an SMTP server that refuses the login is recorded and the delivery stays pending', async () => {
    await withStores(db, async (stores) => {
      const wrong = await addWebhook(stores, {
        allowPrivate: true,
        url: 'mailto:ops@example.com',
        format: 'email',
        secret: `smtp://${SMTP_USER}:wrong@127.0.0.1:${smtpPort}`,
      });
      const [alert] = await stores.alerts.listAlerts({ all: true });
      await stores.alerts.queueDeliveries(alert!.id, new Date().toISOString(), [wrong.id]);
    });
    const result = await evaluate('2026-06-03');
    const failed = result.deliveries.find((delivery) => !delivery.delivered);
    assert.match(failed?.lastError ?? '', /SMTP server answered 535/);
    const pending = await withStores(db, (stores) => stores.alerts.pendingDeliveries());
    assert.equal(pending.length, 1);
  });

  it('refuses a channel whose target or secret does not fit its format, adding nothing', async () => {
    const cases: [Omit<Parameters<typeof addWebhook>[1], 'allowPrivate'>, string, ErrorKind, RegExp][] = [
      [
        { url: `${httpBase}/v2/enqueue`, format: 'pagerduty', secret: 'short' },
        'WEBHOOK_BAD_ROUTING_KEY',
        'usage',
        /routing key \(32 letters and digits/,
      ],
      [
        { url: 'ops@example.com', format: 'email', secret: 'smtp://mail.example.com' },
        'EMAIL_BAD_TARGET',
        'usage',
        /not a mailto: address/,
      ],
      [
        { url: 'mailto:ops@', format: 'email', secret: 'smtp://mail.example.com' },
        'EMAIL_BAD_TARGET',
        'usage',
        /'ops@', which is not an e-mail address/,
      ],
      [
        { url: 'mailto:', format: 'email', secret: 'smtp://mail.example.com' },
        'EMAIL_BAD_TARGET',
        'usage',
        /names no recipient/,
      ],
      [
        { url: 'mailto:ops@example.com', format: 'email', secret: 'https://mail.example.com' },
        'EMAIL_BAD_SMTP',
        'usage',
        /'https:' is not smtp: or smtps:/,
      ],
      [
        { url: 'mailto:ops@example.com', format: 'email', secret: 'smtp://169.254.169.254' },
        'EMAIL_BAD_SMTP',
        'usage',
        /link-local/,
      ],
      [
        { url: `${httpBase}/teams/x`, format: 'teams', secret: 'short' },
        'WEBHOOK_WEAK_SECRET',
        'usage',
        /at least 16 characters/,
      ],
      [
        { url: 'mailto:ops@example.com', format: 'teams', secret: 'a-shared-secret-of-32-characters' },
        'WEBHOOK_BAD_URL',
        'usage',
        /scheme 'mailto:'/,
      ],
    ];
    await withStores(db, async (stores) => {
      const before = await stores.alerts.listWebhooks();
      for (const [input, code, kind, message] of cases)
        await expectRefusal(() => addWebhook(stores, { ...input, allowPrivate: true }), code, kind, message);
      assert.deepEqual(await stores.alerts.listWebhooks(), before);
    });
  });
});
