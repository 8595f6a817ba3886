import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBConnection } from '@duckdb/node-api';
import { verifyAuditLog } from '../../src/app/audit/verify-audit-log.js';
import { WebhookDeliveryBatcher } from '../../src/app/governance/deployments/batch-webhook-deliveries.js';
import { guardDeliveryBody } from '../../src/app/governance/deployments/claim-delivery-body.js';
import { prepareDeployment } from '../../src/app/governance/deployments/record-deployments.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import type { Stores } from '../../src/ports/stores.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const FIXTURES = new URL('../governance/fixtures/', import.meta.url).pathname;
const ACTOR = { name: 'webhook:generic', tokenId: null, address: '127.0.0.1' };

/**
 * A batch of webhook deliveries holds the embedded file's single writer (gate decisions queue
 * behind it), so it is written in a fixed, small number of calls into DuckDB whatever its
 * size: its lookups, then every write sent with the COMMIT in one call. Counted at the
 * driver (every call of a connection's run), on a real DuckDB file.
 */
describe('a webhook delivery batch makes a few calls into DuckDB, whatever its size', () => {
  const dir = makeTempDir();
  const path = join(dir, 'calls.duckdb');
  let stores: Stores;

  before(async () => {
    for (const args of [
      ['catalog', 'apply', join(FIXTURES, 'catalog.yaml')],
      ['ratecard', 'apply', join(FIXTURES, 'rates.yaml')],
      ['changes', 'policy', 'apply', join(FIXTURES, 'governance.yaml')],
    ]) {
      const result = await runCli(['--db', path, ...args]);
      assert.equal(result.code, 0, result.stderr);
    }
    stores = await openTollgate(loadConfig({ db: path }, {}));
  });
  after(() => stores.close());

  /** A staging deployment of docs-site delivered under the id `generic:<id>`. */
  const deploymentOf = (id: string) => ({
    service: 'docs-site',
    environment: 'staging',
    version: `v-${id}`,
    startedAt: '2026-03-05T10:00:00Z',
    finishedAt: '2026-03-05T10:05:00Z',
    outcome: 'succeeded' as const,
    changeType: 'standard' as const,
    pipelineRun: `run-${id}`,
    triggeredBy: 'ci',
    pipelineMinutes: '5',
    deliveryKey: `generic:${id}`,
  });

  async function writeBatch(ids: string[]): Promise<{ calls: number; outcomes: string[] }> {
    const batcher = new WebhookDeliveryBatcher(stores);
    const prepared = await Promise.all(
      ids.map((id) => prepareDeployment(stores, deploymentOf(id), ACTOR.name)),
    );
    // The batch is written while a first delivery holds the writer, so it starts with one queued.
    const run = DuckDBConnection.prototype.run;
    let calls = 0;
    DuckDBConnection.prototype.run = function (this: DuckDBConnection, ...args: Parameters<typeof run>) {
      calls += 1;
      return run.apply(this, args);
    };
    try {
      const results = await Promise.all(
        ids.map((id, n) =>
          batcher.append({
            provider: 'generic',
            deliveryId: id,
            event: 'deployment',
            actor: ACTOR,
            deployment: prepared[n]!,
            bodyGuard: guardDeliveryBody(
              'generic',
              id,
              Buffer.from(`body of ${id}`),
              Math.floor(Date.now() / 1000),
              300,
            ),
            alone: () => Promise.reject(new Error(`${id} was processed alone: its batch failed`)),
          }),
        ),
      );
      return { calls, outcomes: results.map((result) => result.outcome) };
    } finally {
      DuckDBConnection.prototype.run = run;
    }
  }

  it('writes 1 and then 30 deliveries in at most 5 calls each batch (lookups, then one COMMIT with every write)', async () => {
    // The first batch of a process also reads the decision log's last number and the audit head, once.
    const first = await writeBatch(['c-0']);
    const small = await writeBatch(['c-1']);
    const large = await writeBatch(Array.from({ length: 30 }, (_, n) => `c-${n + 2}`));
    for (const batch of [first, small, large])
      assert.ok(
        batch.outcomes.every((outcome) => outcome === 'recorded'),
        JSON.stringify(batch.outcomes),
      );
    assert.ok(first.calls <= 7, `the first delivery: ${first.calls} calls`);
    // Before: about ten calls, and three more per delivery for its signed body's claim.
    assert.ok(small.calls <= 5, `one delivery: ${small.calls} calls`);
    // Two batches at most: the first delivery alone, then the 29 queued behind it.
    assert.ok(large.calls <= 10, `30 deliveries: ${large.calls} calls`);
    const deployments = await stores.governance.deployments.listDeployments({ service: 'docs-site' });
    assert.equal(deployments.filter((deployment) => /^v-c-/.test(deployment.version ?? '')).length, 32);
    const verified = await verifyAuditLog(stores);
    assert.equal(verified.ok, true, JSON.stringify(verified.problem));
  });

  it('a replayed body in a batch still fails only that delivery (the batch falls back to each alone)', async () => {
    const batcher = new WebhookDeliveryBatcher(stores);
    const prepared = await prepareDeployment(
      stores,
      { ...deploymentOf('replayed'), deliveryKey: 'generic:r-2' },
      ACTOR.name,
    );
    // r-2 carries c-1's body under another id: a replay.
    const guard = guardDeliveryBody(
      'generic',
      'r-2',
      Buffer.from('body of c-1'),
      Math.floor(Date.now() / 1000),
      300,
    );
    let aloneCalled = false;
    await assert.rejects(
      batcher.append({
        provider: 'generic',
        deliveryId: 'r-2',
        event: 'deployment',
        actor: ACTOR,
        deployment: prepared,
        bodyGuard: guard,
        alone: async () => {
          aloneCalled = true;
          throw new Error('refused alone');
        },
      }),
      /refused alone/,
    );
    assert.equal(aloneCalled, true);
    assert.equal(await stores.governance.deployments.findDeploymentByDeliveryKey('generic:r-2'), undefined);
  });
});
