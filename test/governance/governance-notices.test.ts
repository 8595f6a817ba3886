import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { signBody } from '../../src/adapters/notify/webhook-notifier.js';
import { addWebhook } from '../../src/app/alerting/manage-alerts.js';
import { openNotifier } from '../../src/app/alerting/open-notifier.js';
import { applyPolicy } from '../../src/app/governance/apply-governance-config.js';
import { requestChange } from '../../src/app/governance/changes/manage-changes.js';
import { gateDeployment } from '../../src/app/governance/gate/gate-deployment.js';
import { deliverNotices } from '../../src/app/notices/deliver-notices.js';
import { queueApprovalRequest } from '../../src/app/notices/queue-approval-request.js';
import type { WebhookFormat } from '../../src/core/alerting/webhook-payload.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { makeTempDir } from '../support/temp-dir.js';
import { openGovernanceTestStores } from './governance-test-stores.js';

const SECRET = 'notice-secret-0123456789';
const ROUTING_KEY = 'R0ut1ngKeyOfThirtyTwoCharacters0';
const SMTP_USER = 'tollgate';
const SMTP_PASSWORD = 'mail-password';

// biome-ignore lint/suspicious/noExplicitAny: the receivers keep bodies of every shape
type Json = any;

/** What each local receiver was sent, by path; /flaky answers 500 until it is mended. */
const received = new Map<string, Json[]>();
const badSignatures: string[] = [];
let flakyMended = false;
const http = createServer((request: IncomingMessage, response: ServerResponse) => {
  let text = '';
  request.on('data', (chunk) => {
    text += chunk;
  });
  request.on('end', () => {
    const path = request.url ?? '';
    if (path === '/flaky' && !flakyMended) return response.writeHead(500).end();
    if (path.startsWith('/json')) {
      const timestamp = String(request.headers['x-tollgate-timestamp']);
      if (request.headers['x-tollgate-signature'] !== signBody(SECRET, timestamp, text))
        badSignatures.push(path);
    }
    received.set(path, [...(received.get(path) ?? []), JSON.parse(text)]);
    response.writeHead(path === '/v2/enqueue' ? 202 : 200).end();
  });
});

const mails: { to: string[]; raw: string }[] = [];
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
      mails.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
      callback();
    });
  },
});

// The receivers run on this machine: on-premises receivers allowed, as their operator would set it.
const notifier = openNotifier({ allowPrivate: true, timeoutMs: 5000, attempts: 1, backoffMs: 10 });
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('governance notices: approval requests to the approvers, gate denials to the owners', () => {
  let stores: Awaited<ReturnType<typeof openGovernanceTestStores>>;
  let base = '';
  let changeId = '';
  before(async () => {
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    stores = await openGovernanceTestStores(makeTempDir());
    await applyPolicy(stores, fixture('governance.yaml'), 'governance.yaml', 'rm');
    const channel = (url: string, format: WebhookFormat, route: string, secret = SECRET) =>
      addWebhook(stores, { url, format, secret, route, allowPrivate: true });
    await channel(`${base}/json-cab`, 'json', 'approver=cab');
    await channel(`${base}/slack-finance`, 'slack', 'approver=finance');
    await channel(`${base}/teams-payments`, 'teams', 'team=team-pay');
    await channel(`${base}/v2/enqueue`, 'pagerduty', 'catalog-service=payments', ROUTING_KEY);
    await channel(`${base}/json-docs`, 'json', 'catalog-service=docs-site');
    await channel(`${base}/json-budget`, 'json', 'budget=payments');
    await channel(
      'mailto:owners@example.com,olivia@example.com?from=tollgate@example.com',
      'email',
      'approver=service-owner',
      `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${smtpPort}`,
    );
  });
  after(async () => {
    await stores?.close();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('refuses an approver route naming no role, adding no channel', async () => {
    const before = await stores.alerts.listWebhooks();
    await expectRefusal(
      () =>
        addWebhook(stores, {
          url: `${base}/json-x`,
          format: 'json',
          secret: SECRET,
          route: 'approver=somebody',
          allowPrivate: true,
        }),
      'WEBHOOK_BAD_ROUTE',
      'usage',
      /approver= and one of budget-owner/,
    );
    assert.deepEqual(await stores.alerts.listWebhooks(), before);
  });

  it('a new change notifies the roles it waits on, with the change, its cost, risk and link', async () => {
    const { change, notice } = await stores.transaction(async () => {
      const change = await requestChange(stores, {
        service: 'payments',
        environment: 'production',
        changeType: 'normal',
        version: 'v2.0.0',
        requestedBy: 'dev',
        estimatedCost: '1200',
      });
      return { change, notice: await queueApprovalRequest(stores, change) };
    });
    changeId = change.id;
    assert.ok(notice);
    const results = await deliverNotices(stores, notifier, notice.id);
    assert.deepEqual(
      results.map((r) => [r.delivered, r.lastError]),
      results.map(() => [true, null]),
    );

    // cab and service-owner are required for a normal change; finance only above 5000.
    const [json] = received.get('/json-cab')!;
    assert.equal(json.type, 'tollgate.approval-request');
    assert.deepEqual(json.roles, ['service-owner', 'cab']);
    assert.deepEqual(json.approvers, ['carl', 'cathy', 'chen', 'olivia']);
    assert.equal(json.link, `/?view=approvals&change=${change.id}`);
    const facts = Object.fromEntries(json.facts.map((f: Json) => [f.title, f.value]));
    assert.equal(facts['Estimated cost'], '1200.00 EUR');
    assert.equal(facts['Budget headroom'], 'no release budget (headroom unknown)');
    assert.equal(facts.Risk, 'criticality critical, production');
    assert.equal(facts['Waiting on'], 'service-owner 1 of 1; cab 3 of 3');
    assert.deepEqual(badSignatures, []);
    assert.equal(received.get('/slack-finance'), undefined);
    assert.equal(received.get('/json-docs'), undefined);
    assert.equal(received.get('/json-budget'), undefined);

    const [card] = received.get('/teams-payments')!;
    assert.equal(card.attachments[0].content.type, 'AdaptiveCard');
    assert.match(
      card.attachments[0].content.body[0].text,
      new RegExp(`^Approval requested: Change ${change.id}`),
    );
    const [event] = received.get('/v2/enqueue')!;
    assert.equal(event.routing_key, ROUTING_KEY);
    assert.equal(event.payload.severity, 'info');
    assert.equal(event.dedup_key, `tollgate:approval-request:${change.id}`);

    assert.equal(mails.length, 1);
    assert.deepEqual(mails[0]!.to.sort(), ['olivia@example.com', 'owners@example.com']);
    assert.match(mails[0]!.raw, /Subject: \[Tollgate\] Approval requested: Change/);
    assert.match(mails[0]!.raw, /Estimated cost: 1200\.00 EUR/);
    assert.match(mails[0]!.raw, new RegExp(`Link: /\\?view=approvals&change=${change.id}`));
  });

  it('a gate denial tells the service owners once per version and reasons, not the approvers', async () => {
    const ask = () =>
      gateDeployment(stores, {
        service: 'payments',
        environment: 'production',
        changeId,
        version: 'v2.0.0',
        at: '2026-03-04T10:00:00Z',
        actor: 'ci',
      });
    const decision = await ask();
    assert.equal(decision.decision, 'deny');
    await deliverNotices(stores, notifier);
    const denial = received.get('/teams-payments')!.at(-1);
    assert.match(
      denial.attachments[0].content.body[0].text,
      /^Deployment denied: Deployment of payments v2\.0\.0/,
    );
    const facts = Object.fromEntries(
      denial.attachments[0].content.body[1].facts.map((f: Json) => [f.title, f.value]),
    );
    assert.equal(facts['Asked by'], 'ci');
    assert.match(facts['Failed: approvals'], /cab/);
    assert.equal(received.get('/v2/enqueue')!.at(-1).payload.severity, 'warning');
    assert.equal(received.get('/json-cab')!.length, 1, 'approvers are not told of denials');
    assert.equal(mails.length, 1);

    const counts = () => [...received.values()].map((bodies) => bodies.length);
    const before = counts();
    assert.equal((await ask()).decision, 'deny');
    await deliverNotices(stores, notifier);
    assert.deepEqual(counts(), before, 'the same denial again notifies no one');
  });

  it('keeps a delivery pending while the receiver fails or is refused, and sends it on a later run', async () => {
    await addWebhook(stores, {
      url: `${base}/flaky`,
      format: 'slack',
      secret: SECRET,
      route: 'team=team-pay',
      allowPrivate: true,
    });
    const change = await stores.transaction(async () => {
      const change = await requestChange(stores, {
        service: 'payments',
        environment: 'staging',
        changeType: 'normal',
        version: 'v2.1.0',
        requestedBy: 'dev',
        estimatedCost: '300',
      });
      await queueApprovalRequest(stores, change);
      return change;
    });
    const first = await deliverNotices(stores, notifier);
    assert.deepEqual(
      first.filter((r) => !r.delivered).map((r) => r.lastError),
      ['receiver answered HTTP 500'],
    );
    // The operator's setting: without TOLLGATE_WEBHOOK_ALLOW_PRIVATE a loopback receiver is refused.
    const refused = await deliverNotices(stores, openNotifier({ allowPrivate: false, attempts: 1 }));
    assert.equal(refused.length, 1);
    assert.match(refused[0]!.lastError!, /^refused: /);
    flakyMended = true;
    const later = await deliverNotices(stores, notifier);
    assert.deepEqual(
      later.map((r) => r.delivered),
      [true],
    );
    assert.match(received.get('/flaky')![0].text, new RegExp(`Change ${change.id}`));
    assert.deepEqual(await stores.notices.pendingNoticeDeliveries(), []);
    const [latest] = await stores.notices.listNotices(1);
    const flaky = latest!.deliveries.find((d) => d.webhookId === later[0]!.webhookId)!;
    assert.equal(flaky.status, 'delivered');
    assert.equal(flaky.attempts, 3);
  });
});
