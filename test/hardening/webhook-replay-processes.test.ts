import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildServer, type TollgateServer } from '../../src/api/build-server.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { verifyAuditLog } from '../../src/app/audit/verify-audit-log.js';
import { applyPolicy, applyRateCard } from '../../src/app/governance/apply-governance-config.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import type { Stores } from '../../src/ports/stores.js';
import { genericDeliveryHeaders } from '../support/generic-delivery.js';
import { sharedPostgresCluster } from '../support/postgres-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';

const FIXTURES = new URL('../governance/fixtures/', import.meta.url).pathname;
const SECRET = 'a-webhook-secret-of-some-length';

interface Instance {
  stores: Stores;
  server: TollgateServer;
  base: string;
}

/** One API instance, with its own stores and its own memory, over the shared PostgreSQL database. */
async function startInstance(url: string): Promise<Instance> {
  const config = loadConfig({ db: url }, { TOLLGATE_UPLOAD_DIR: join(makeTempDir(), 'uploads') });
  const stores = await openTollgate(config);
  const server = await buildServer({
    stores,
    config: { ...config.server, genericWebhookSecret: SECRET, webhookToleranceSeconds: 300 },
    dbPath: url,
    workers: 0,
    logStream: { write: () => undefined },
    validateResponses: true,
  });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { stores, server, base };
}

/**
 * Server mode: two API instances over one PostgreSQL database each receive copies of one signed
 * body under new delivery ids at the same time. The replay guard lives in the database, in the
 * transaction that records the deployment, so the body is recorded once whichever instance
 * each copy reaches (a guard in each process's memory would let each instance record it once).
 */
describe('webhook replays across two API instances over one PostgreSQL', async () => {
  const url = await (await sharedPostgresCluster()).createDatabase();
  const first = await startInstance(url);
  const second = await startInstance(url);
  after(async () => {
    for (const instance of [first, second]) {
      await instance.server.app.close();
      await instance.server.services.scheduler.stop();
      await instance.server.services.jobs.drain(5000);
      await instance.stores.close();
    }
  });
  await applyCatalog(first.stores, join(FIXTURES, 'catalog.yaml'), commandLineActor());
  const rates = join(FIXTURES, 'rates.yaml');
  await applyRateCard(first.stores, readFileSync(rates, 'utf8'), rates, 'test');
  const policy = join(FIXTURES, 'governance.yaml');
  await applyPolicy(first.stores, readFileSync(policy, 'utf8'), policy, 'test');

  const bodyOf = (version: string) =>
    JSON.stringify({
      service: 'docs-site',
      environment: 'staging',
      version,
      startedAt: '2026-03-05T10:00:00Z',
      finishedAt: '2026-03-05T10:05:00Z',
      outcome: 'succeeded',
      changeType: 'standard',
    });
  const send = async (instance: Instance, deliveryId: string, body: string) => {
    const response = await fetch(`${instance.base}/api/v1/webhooks/generic`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-tollgate-event': 'deployment',
        ...genericDeliveryHeaders(SECRET, deliveryId, body),
      },
      body,
    });
    // biome-ignore lint/suspicious/noExplicitAny: the answer is read field by field
    return { status: response.status, body: (await response.json()) as any };
  };
  const recorded = async (version: string) =>
    (await first.stores.governance.deployments.listDeployments()).filter((entry) => entry.version === version)
      .length;

  it('records one signed body sent under 12 new ids to both instances at once exactly once; the others are refused as replays', async () => {
    const body = bodyOf('v-twice');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, n) => send(n % 2 === 0 ? first : second, `copy-${n}`, body)),
    );
    const accepted = answers.filter((answer) => answer.status === 200);
    assert.equal(accepted.length, 1, JSON.stringify(answers));
    for (const answer of answers.filter((one) => one.status !== 200)) {
      assert.equal(answer.status, 409, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, 'WEBHOOK_REPLAY');
    }
    assert.equal(await recorded('v-twice'), 1);
    const winner = accepted[0]!.body.deliveryId as string;
    for (const instance of [first, second])
      assert.equal((await send(instance, winner, body)).body.status, 'duplicate', 'a retry keeps its id');
    assert.equal(await recorded('v-twice'), 1);
    const verified = await verifyAuditLog(first.stores);
    assert.equal(verified.ok, true, JSON.stringify(verified.problem));
  });

  it('records one delivery sent to both instances at once under its own id once, the other answer a duplicate', async () => {
    const body = bodyOf('v-same-id');
    const answers = await Promise.all([send(first, 'same', body), send(second, 'same', body)]);
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 200], JSON.stringify(answers));
    assert.deepEqual(answers.map((answer) => answer.body.status).sort(), ['duplicate', 'processed']);
    assert.equal(await recorded('v-same-id'), 1);
  });
});
