import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { signDelivery } from '../../src/core/access/signed-delivery.js';
import { signBody } from '../../src/core/access/webhook-signature.js';
import { startApi } from '../api/api-harness.js';
import { genericDeliveryHeaders } from '../support/generic-delivery.js';
import { runCli } from '../support/run-cli.js';

const FIXTURES = new URL('../governance/fixtures/', import.meta.url).pathname;
const SECRET = 'a-webhook-secret-of-some-length';

/**
 * The generic webhook signs timestamp, delivery id and body together: a captured delivery
 * cannot be replayed under new ids or later, and the same body under a new id inside the window
 * is refused as a replay. Nothing is recorded for any refused delivery.
 */
describe('generic webhook authenticity', async () => {
  const api = await startApi(
    { genericWebhookSecret: SECRET, webhookToleranceSeconds: 300 },
    {},
    async (dbPath) => {
      for (const args of [
        ['catalog', 'apply', join(FIXTURES, 'catalog.yaml')],
        ['ratecard', 'apply', join(FIXTURES, 'rates.yaml')],
        ['changes', 'policy', 'apply', join(FIXTURES, 'governance.yaml')],
      ]) {
        const result = await runCli(['--db', dbPath, ...args]);
        assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
      }
    },
  );
  const body = JSON.stringify({
    service: 'docs-site',
    environment: 'staging',
    version: 'v-replayed',
    startedAt: '2026-03-05T10:00:00Z',
    finishedAt: '2026-03-05T10:05:00Z',
    outcome: 'succeeded',
    changeType: 'standard',
  });
  const send = (headers: Record<string, string>) =>
    api.json('/api/v1/webhooks/generic', {
      role: null,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tollgate-event': 'deployment', ...headers },
      body,
    });
  const recorded = async () =>
    (await api.stores.governance.deployments.listDeployments()).filter(
      (entry) => entry.version === 'v-replayed',
    ).length;

  it('refuses a captured delivery replayed under 20 new ids, and the same body newly signed under another id', async () => {
    const captured = genericDeliveryHeaders(SECRET, 'first', body);
    assert.equal((await send(captured)).status, 200);
    for (let n = 0; n < 20; n++) {
      const replay = await send({ ...captured, 'x-tollgate-delivery': `new-${n}` });
      assert.equal(replay.status, 401, JSON.stringify(replay.body));
      assert.equal(replay.body.error.code, 'WEBHOOK_BAD_SIGNATURE');
    }
    const resigned = await send(genericDeliveryHeaders(SECRET, 'another', body));
    assert.equal(resigned.status, 409, JSON.stringify(resigned.body));
    assert.equal(resigned.body.error.code, 'WEBHOOK_REPLAY');
    assert.equal((await send(captured)).body.status, 'duplicate', 'a retry under its own id is acknowledged');
    assert.equal(await recorded(), 1);
  });

  it('refuses timestamps outside the window, missing or not whole seconds', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [String(now - 400), String(now + 400), '0', '']) {
      const answer = await send(genericDeliveryHeaders(SECRET, `t-${timestamp}`, body, timestamp));
      assert.equal(answer.status, 401, timestamp);
      assert.equal(answer.body.error.code, 'WEBHOOK_BAD_TIMESTAMP', timestamp);
    }
    const fractional = `${now}.5`;
    const answer = await send({
      'x-tollgate-delivery': 't-fraction',
      'x-tollgate-timestamp': fractional,
      'x-tollgate-signature': signDelivery(SECRET, fractional, 't-fraction', body),
    });
    assert.equal(answer.body.error.code, 'WEBHOOK_BAD_TIMESTAMP');
    assert.match(answer.body.error.message, /Unix time in seconds/);
    assert.equal(await recorded(), 1);
  });

  it('refuses signatures with stray whitespace, in another case, or over the body alone', async () => {
    const good = genericDeliveryHeaders(SECRET, 'w-1', body);
    const signature = good['x-tollgate-signature']!;
    for (const bad of [
      signature.replace('v1=', 'v1= '),
      `${signature.slice(0, 20)} ${signature.slice(20)}`,
      signature.toUpperCase(),
      signBody(SECRET, body),
    ]) {
      const answer = await send({ ...good, 'x-tollgate-signature': bad });
      assert.equal(answer.status, 401, bad);
      assert.equal(answer.body.error.code, 'WEBHOOK_BAD_SIGNATURE');
    }
    assert.equal(await recorded(), 1);
  });
});
