import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  DEFAULT_NOTIFIER_OPTIONS,
  signBody,
  WebhookNotifier,
} from '../../src/adapters/notify/webhook-notifier.js';

// A generous timeout: no case here waits for one, and a loaded machine must not turn a slow answer into a failure.
const notifier = new WebhookNotifier({
  ...DEFAULT_NOTIFIER_OPTIONS,
  // The receivers run on this machine, as on-premises receivers do.
  allowPrivate: true,
  timeoutMs: 10_000,
  attempts: 3,
  backoffMs: 5,
});
const hook = (url: string) => ({ id: 1, url, format: 'json' as const, secret: 'x'.repeat(16), route: null });

describe('WebhookNotifier', () => {
  let server: Server;
  let base = '';
  const hits: Record<string, number> = {};
  before(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? '';
      hits[path] = (hits[path] ?? 0) + 1;
      request.resume();
      request.on('end', () => {
        if (path === '/gone') response.writeHead(404).end();
        else if (path === '/busy') response.writeHead(hits[path]! < 3 ? 429 : 200).end();
        else if (path === '/redirect') response.writeHead(302, { location: 'http://169.254.169.254/' }).end();
        else response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('retries 429 with backoff until it is accepted, recording every attempt', async () => {
    const result = await notifier.send(hook(`${base}/busy`), '{}');
    assert.equal(result.delivered, true);
    assert.deepEqual(
      result.attempts.map((a) => a.httpStatus),
      [429, 429, 200],
    );
  });

  it('does not retry an answer that will not change (404), nor follow a redirect', async () => {
    const gone = await notifier.send(hook(`${base}/gone`), '{}');
    assert.deepEqual([gone.delivered, gone.attempts.length, hits['/gone']], [false, 1, 1]);
    const redirect = await notifier.send(hook(`${base}/redirect`), '{}');
    assert.equal(redirect.delivered, false);
    assert.equal(redirect.attempts[0]!.httpStatus, 302);
  });

  it('refuses a link-local target even if it slipped past the URL check, without sending', async () => {
    const result = await notifier.send(hook('http://169.254.169.254/latest/meta-data/'), '{}');
    assert.equal(result.delivered, false);
    assert.equal(result.attempts.length, 1);
    assert.match(
      result.attempts[0]!.error!,
      /refused: 169\.254\.169\.254 is a link-local or cloud metadata address/,
    );
  });

  it('records a receiver that is not listening as unreachable, every attempt', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await notifier.send(hook(`http://127.0.0.1:${port}/`), '{}');
    assert.equal(result.delivered, false);
    assert.equal(result.attempts.length, 3);
    for (const attempt of result.attempts) assert.match(attempt.error!, /cannot reach receiver/);
  });

  it('signs timestamp and body together so a replayed body with a new timestamp fails', () => {
    const signature = signBody('secret-secret-secret', '1700000000', '{"a":1}');
    assert.match(signature, /^v1=[0-9a-f]{64}$/);
    assert.notEqual(signature, signBody('secret-secret-secret', '1700000001', '{"a":1}'));
    assert.notEqual(signature, signBody('secret-secret-secret', '1700000000', '{"a":2}'));
  });
});
