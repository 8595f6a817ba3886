import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startApi } from './api-harness.js';

const SLACK_TOKEN_PATH = '/services/T000/B000/SeCrEtToKeN';
const SECRET = 'channel-secret-0123456789';

describe('notification channels over HTTP: list, add, test, remove; audited, secrets never answered', async () => {
  // The receivers run on this machine: the operator allows on-premises receivers.
  const api = await startApi({ webhookAllowPrivate: true });
  const bodies: { path: string; body: string }[] = [];
  const receiver = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      bodies.push({ path: request.url ?? '', body: text });
      response.writeHead(request.url === '/down' ? 404 : 200).end();
    });
  });
  let base = '';
  before(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
  const send = (
    method: string,
    path: string,
    body?: unknown,
    role: 'budget-owner' | 'viewer' = 'budget-owner',
  ) =>
    api.json(path, {
      method,
      role,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  const everything = async () => ({
    channels: await api.stores.alerts.listWebhooks(),
    audit: (await api.stores.access.audit.listEntries({})).length,
  });

  it('adds a Slack channel routed to approvers, answering and auditing it without its secret', async () => {
    const added = await send('POST', '/api/v1/alerts/channels', {
      url: `${base}${SLACK_TOKEN_PATH}`,
      format: 'slack',
      secret: SECRET,
      route: 'approver=cab',
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.deepEqual(added.body, {
      id: added.body.id,
      format: 'slack',
      target: `${base}/…`,
      route: 'approver=cab',
      secret: '(hidden)',
    });
    const listed = await send('GET', '/api/v1/alerts/channels', undefined, 'viewer');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body, [added.body]);
    const [entry] = await api.stores.access.audit.listEntries({ action: 'alerts.webhooks.add' });
    assert.equal(entry!.actor, 'user:budget-owner-user');
    for (const text of [JSON.stringify(listed.body), JSON.stringify(entry)]) {
      assert.ok(!text.includes(SECRET), 'the secret is never answered nor audited');
      assert.ok(!text.includes('SeCrEtToKeN'), 'nor the token in the address');
    }
  });

  it('tests a channel in its own format and reports the attempts; a failing receiver says why', async () => {
    const [channel] = (await send('GET', '/api/v1/alerts/channels')).body;
    const tested = await send('POST', `/api/v1/alerts/channels/${channel.id}/test`);
    assert.equal(tested.status, 200, JSON.stringify(tested.body));
    assert.equal(tested.body.delivered, true);
    const sent = bodies.find((b) => b.path === SLACK_TOKEN_PATH)!;
    assert.match(JSON.parse(sent.body).text, /Test from Tollgate, sent by user:budget-owner-user/);
    const down = await send('POST', '/api/v1/alerts/channels', {
      url: `${base}/down`,
      format: 'json',
      secret: SECRET,
    });
    const failed = await send('POST', `/api/v1/alerts/channels/${down.body.id}/test`);
    assert.equal(failed.body.delivered, false);
    assert.equal(failed.body.attempts.at(-1).error, 'receiver answered HTTP 404');
    assert.equal((await api.stores.access.audit.listEntries({ action: 'alerts.webhooks.test' })).length, 2);
  });

  it('refuses a reader, a bad route, a weak secret, an unknown field and an unknown channel, changing nothing', async () => {
    const before = await everything();
    const refusals: [string, string, unknown, 'budget-owner' | 'viewer', number, string][] = [
      [
        'POST',
        '/api/v1/alerts/channels',
        { url: `${base}/x`, secret: SECRET },
        'viewer',
        403,
        'AUTH_FORBIDDEN',
      ],
      [
        'POST',
        '/api/v1/alerts/channels',
        { url: `${base}/x`, secret: SECRET, route: 'approver=boss' },
        'budget-owner',
        400,
        'WEBHOOK_BAD_ROUTE',
      ],
      [
        'POST',
        '/api/v1/alerts/channels',
        { url: `${base}/x`, secret: 'short' },
        'budget-owner',
        400,
        'WEBHOOK_WEAK_SECRET',
      ],
      [
        'POST',
        '/api/v1/alerts/channels',
        { url: `${base}/x`, secret: SECRET, colour: 'red' },
        'budget-owner',
        400,
        'REQUEST_INVALID',
      ],
      ['DELETE', '/api/v1/alerts/channels/999', undefined, 'budget-owner', 404, 'WEBHOOK_NOT_FOUND'],
      ['POST', '/api/v1/alerts/channels/999/test', undefined, 'budget-owner', 404, 'WEBHOOK_NOT_FOUND'],
    ];
    for (const [method, path, body, role, status, code] of refusals) {
      const answer = await send(method, path, body, role);
      assert.equal(answer.status, status, `${method} ${path}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, code, JSON.stringify(answer.body));
    }
    assert.deepEqual(await everything(), before);
  });

  it('removes a channel, audited, and it is listed no more', async () => {
    const [channel] = (await send('GET', '/api/v1/alerts/channels')).body;
    const removed = await send('DELETE', `/api/v1/alerts/channels/${channel.id}`);
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    assert.equal(removed.body.id, channel.id);
    const listed = (await send('GET', '/api/v1/alerts/channels')).body;
    assert.ok(!listed.some((c: { id: number }) => c.id === channel.id));
    const [entry] = await api.stores.access.audit.listEntries({ action: 'alerts.webhooks.remove' });
    assert.equal(entry!.target, `webhook:${channel.id}`);
  });
});
