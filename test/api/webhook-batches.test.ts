import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { verifyAuditLog } from '../../src/app/audit/verify-audit-log.js';
import { genericDeliveryHeaders } from '../support/generic-delivery.js';
import { runCli } from '../support/run-cli.js';
import { startApi } from './api-harness.js';

const FIXTURES = new URL('../governance/fixtures/', import.meta.url).pathname;
const SECRET = 'a-webhook-secret-of-some-length';

async function prepareGovernance(dbPath: string) {
  for (const args of [
    ['catalog', 'apply', join(FIXTURES, 'catalog.yaml')],
    ['ratecard', 'apply', join(FIXTURES, 'rates.yaml')],
    ['changes', 'policy', 'apply', join(FIXTURES, 'governance.yaml')],
  ]) {
    const result = await runCli(['--db', dbPath, ...args]);
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  }
}

/** Generic deliveries sent at once are written in shared batches; each id must still count once. */
describe('generic webhook deliveries in batches (real server, real DuckDB file)', async () => {
  const api = await startApi({ genericWebhookSecret: SECRET }, {}, prepareGovernance);

  const deployment = (version: string, service = 'docs-site') =>
    JSON.stringify({
      service,
      environment: 'staging',
      version,
      startedAt: '2026-03-05T10:00:00Z',
      finishedAt: '2026-03-05T10:05:00Z',
      outcome: 'succeeded',
      changeType: 'standard',
      pipelineRun: `run-${version}`,
    });
  const send = (id: string, body: string, secret = SECRET) =>
    api.json('/api/v1/webhooks/generic', {
      role: null,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-tollgate-event': 'deployment',
        ...genericDeliveryHeaders(secret, id, body),
      },
      body,
    });
  const recordedVersions = async () => {
    const { body } = await api.json('/api/v1/deployments', { role: 'admin' });
    return (body as { version: string }[]).map((entry) => entry.version);
  };

  it('records each distinct delivery once when it and its replays arrive together; replays are acknowledged as duplicates with the first outcome', async () => {
    const ids = Array.from({ length: 40 }, (_, n) => `b-${n}`);
    // Every id three times, all in flight at once, so replays share a batch with their original.
    const answers = await Promise.all([...ids, ...ids, ...ids].map((id) => send(id, deployment(`v-${id}`))));
    for (const answer of answers) assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const byId = new Map<string, { status: string; outcome: string }[]>();
    for (const { body } of answers) byId.set(body.deliveryId, [...(byId.get(body.deliveryId) ?? []), body]);
    for (const id of ids) {
      const seen = byId.get(id)!;
      assert.equal(seen.filter((answer) => answer.status === 'processed').length, 1, id);
      assert.equal(seen.filter((answer) => answer.status === 'duplicate').length, 2, id);
      assert.ok(
        seen.every((answer) => answer.outcome === 'recorded'),
        JSON.stringify(seen),
      );
    }
    const versions = await recordedVersions();
    for (const id of ids) assert.equal(versions.filter((version) => version === `v-${id}`).length, 1, id);
    // A replay sent later, alone, is a duplicate too.
    const late = await send('b-7', deployment('v-b-7'));
    assert.equal(late.body.status, 'duplicate');
    assert.equal(late.body.outcome, 'recorded');

    const decisions = await api.stores.governance.decisions.listDecisions({ kind: 'deployment.record' });
    assert.equal(
      decisions.filter((entry) => /^v-b-/.test(String((entry.inputs as { version: string }).version))).length,
      40,
    );
    const audited = await api.stores.access.audit.listEntries({
      action: 'webhooks.generic.deployment',
      limit: 1000,
    });
    assert.equal(audited.filter((entry) => entry.target.startsWith('delivery:generic:b-')).length, 40);
    const verified = await verifyAuditLog(api.stores);
    assert.equal(verified.ok, true, JSON.stringify(verified.problem));
  });

  it('a bad signature or an unknown service among concurrent deliveries is refused alone, with nothing recorded for it', async () => {
    const before = (await recordedVersions()).length;
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, n) => send(`c-${n}`, deployment(`v-c-${n}`))),
      send('c-bad-signature', deployment('v-c-bad-signature'), 'another-secret-entirely'),
      send('c-unknown', deployment('v-c-unknown', 'no-such-service')),
    ]);
    const [badSignature, unknown] = answers.slice(-2);
    assert.equal(badSignature!.status, 401);
    assert.equal(badSignature!.body.error.code, 'WEBHOOK_BAD_SIGNATURE');
    assert.ok(unknown!.status >= 400 && unknown!.status < 500, JSON.stringify(unknown!.body));
    assert.equal(unknown!.body.error.code, 'UNKNOWN_SERVICE');
    assert.match(unknown!.body.error.message, /no-such-service/);
    for (const answer of answers.slice(0, 10)) assert.equal(answer.body.outcome, 'recorded');
    const versions = await recordedVersions();
    assert.equal(versions.length, before + 10);
    assert.ok(!versions.includes('v-c-bad-signature') && !versions.includes('v-c-unknown'));
    for (const id of ['c-bad-signature', 'c-unknown'])
      assert.equal(await api.stores.access.deliveries.getDelivery('generic', id), undefined, id);
    // Refused deliveries were not acted on, so the sender's corrected retry is recorded.
    const retried = await send('c-unknown', deployment('v-c-unknown'));
    assert.equal(retried.body.status, 'processed');
    assert.equal(retried.body.outcome, 'recorded');
  });

  it('when a batch cannot be written, each of its deliveries is processed alone: none is lost or half recorded', async () => {
    // The next deployment ids are taken already, so the batch's insert fails on the primary key.
    const next = Number(
      (
        await api.stores.fileEngine.all<{ n: string }>("SELECT currval('deployment_id_seq')::VARCHAR AS n")
      )[0]!.n,
    );
    for (let n = next + 1; n <= next + 3; n++)
      await api.stores.fileEngine.run(
        `INSERT INTO deployments SELECT 'DEP-${n}', 'taken-${n}', source, service, version, commit_sha, committed_at, environment, pipeline_run,
           started_at, finished_at, outcome, change_type, release_id, change_request_id, triggered_by, pipeline_minutes, cost_total, cost_currency, cost_json, recorded_at
         FROM deployments LIMIT 1`,
      );
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, n) => send(`d-${n}`, deployment(`v-d-${n}`))),
    );
    const versions = await recordedVersions();
    for (const [n, answer] of answers.entries()) {
      const stored = await api.stores.access.deliveries.getDelivery('generic', `d-${n}`);
      if (answer.status === 200) {
        assert.equal(answer.body.outcome, 'recorded');
        assert.equal(versions.filter((version) => version === `v-d-${n}`).length, 1);
        assert.equal(stored?.outcome, 'recorded');
      } else {
        assert.equal(answer.body.error.code, 'DEPLOYMENT_EXISTS', JSON.stringify(answer.body));
        assert.ok(!versions.includes(`v-d-${n}`));
        assert.equal(stored, undefined, 'a refused delivery is not stored, so its retry is acted on');
      }
    }
    assert.ok(answers.some((answer) => answer.status === 200));
    assert.equal((await verifyAuditLog(api.stores)).ok, true);
  });
});
