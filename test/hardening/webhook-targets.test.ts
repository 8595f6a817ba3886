import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { DEFAULT_NOTIFIER_OPTIONS, WebhookNotifier } from '../../src/adapters/notify/webhook-notifier.js';
import { validateWebhookUrl } from '../../src/core/alerting/webhook-url.js';
import { expectRefusal } from '../support/expect-refusal.js';

const hook = (url: string) => ({ id: 1, url, format: 'json' as const, secret: 'x'.repeat(16), route: null });

describe('alert webhook targets', () => {
  it('normalises host names before the name check: a trailing dot or capitals do not slip past', async () => {
    for (const url of [
      'http://metadata.google.internal./',
      'http://METADATA.GOOGLE.INTERNAL../computeMetadata/v1/',
      'http://169.254.169.254./latest/meta-data/',
      'http://instance-data.ec2.internal./',
    ])
      await expectRefusal(
        async () => validateWebhookUrl(url, { allowPrivate: true }),
        'WEBHOOK_BAD_URL',
        'usage',
        /metadata/,
      );
  });

  it('refuses loopback and private targets unless on-premises receivers are allowed', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost./hook',
      'http://10.1.2.3/hook',
      'http://172.20.0.1/hook',
      'http://192.168.1.10/hook',
      'http://[::1]/hook',
      'http://[fd12::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
    ]) {
      await expectRefusal(
        async () => validateWebhookUrl(url, { allowPrivate: false }),
        'WEBHOOK_BAD_URL',
        'usage',
        /TOLLGATE_WEBHOOK_ALLOW_PRIVATE/,
      );
      assert.ok(validateWebhookUrl(url, { allowPrivate: true }), url);
    }
    assert.equal(
      validateWebhookUrl('https://hooks.example.com/x', { allowPrivate: false }).hostname,
      'hooks.example.com',
    );
  });

  it('checks the address a name resolves to at delivery time, with nothing sent to a refused one', async () => {
    let hits = 0;
    const receiver = createServer((request, response) => {
      hits++;
      request.resume();
      request.on('end', () => response.writeHead(200).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    after(() => receiver.close());
    const port = (receiver.address() as AddressInfo).port;
    // A local resolver stub: the name pointed at a public address when the webhook was added and
    // now resolves to the metadata address (DNS rebinding), or to this loopback receiver.
    const answers: Record<string, string[]> = {
      'rebound.example.': ['169.254.169.254'],
      'rebound.example': ['169.254.169.254'],
      'inside.example': ['203.0.113.5', '10.0.0.7'],
      'receiver.example': ['127.0.0.1'],
    };
    const notifier = (allowPrivate: boolean) =>
      new WebhookNotifier({
        ...DEFAULT_NOTIFIER_OPTIONS,
        attempts: 1,
        allowPrivate,
        resolveHost: async (host) => answers[host] ?? [],
      });
    for (const url of ['http://rebound.example./hook', `http://rebound.example:${port}/`]) {
      const result = await notifier(true).send(hook(url), '{}');
      assert.equal(result.delivered, false);
      assert.match(result.attempts[0]!.error!, /169\.254\.169\.254, a link-local or cloud metadata address/);
    }
    const inside = await notifier(false).send(hook('http://inside.example/hook'), '{}');
    assert.match(inside.attempts[0]!.error!, /10\.0\.0\.7, a loopback or private address/);
    const refused = await notifier(false).send(hook(`http://127.0.0.1:${port}/`), '{}');
    assert.equal(refused.delivered, false);
    assert.equal(hits, 0, 'nothing reached a refused target');
    const allowed = await notifier(true).send(hook(`http://127.0.0.1:${port}/`), '{}');
    assert.equal(allowed.delivered, true);
    assert.equal(hits, 1);
  });
});
