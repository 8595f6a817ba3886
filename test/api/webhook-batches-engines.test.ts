import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openPostgresStores } from '../../src/adapters/open-postgres-stores.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { verifyAuditLog } from '../../src/app/audit/verify-audit-log.js';
import { applyPolicy, applyRateCard } from '../../src/app/governance/apply-governance-config.js';
import { WebhookDeliveryBatcher } from '../../src/app/governance/deployments/batch-webhook-deliveries.js';
import type { WebhookResult } from '../../src/app/governance/deployments/handle-webhooks.js';
import { prepareDeployment } from '../../src/app/governance/deployments/record-deployments.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import type { Stores } from '../../src/ports/stores.js';
import { sharedPostgresCluster } from '../support/postgres-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';

const FIXTURES = new URL('../governance/fixtures/', import.meta.url).pathname;
const ACTOR = { name: 'webhook:generic', tokenId: null, address: '127.0.0.1' };

async function applyGovernance(stores: Stores) {
  await applyCatalog(stores, join(FIXTURES, 'catalog.yaml'), commandLineActor());
  const rates = join(FIXTURES, 'rates.yaml');
  await applyRateCard(stores, readFileSync(rates, 'utf8'), rates, 'test');
  const policy = join(FIXTURES, 'governance.yaml');
  await applyPolicy(stores, readFileSync(policy, 'utf8'), policy, 'test');
}

/**
 * The delivery batcher on both engines: DuckDB with its batch statements, PostgreSQL through
 * the single-row methods its stores offer. Each distinct delivery is recorded once either way.
 */
for (const engine of ['DuckDB', 'PostgreSQL'] as const) {
  describe(`webhook deliveries in batches on ${engine}`, async () => {
    const stores =
      engine === 'DuckDB'
        ? await openTollgate(loadConfig({ db: join(makeTempDir(), 'batches.duckdb') }, {}))
        : await openPostgresStores({
            url: await (await sharedPostgresCluster()).createDatabase(),
            poolSize: 4,
            connectRetryMs: 0,
            migrate: true,
            memoryLimit: '256MB',
            threads: 1,
          });
    after(() => stores.close());
    await applyGovernance(stores);
    const batcher = new WebhookDeliveryBatcher(stores);

    const deliver = async (id: string): Promise<WebhookResult> => {
      const deployment = await prepareDeployment(
        stores,
        {
          service: 'docs-site',
          environment: 'staging',
          version: `v-${id}`,
          startedAt: '2026-03-05T10:00:00Z',
          finishedAt: '2026-03-05T10:05:00Z',
          outcome: 'succeeded',
          changeType: 'standard',
          pipelineMinutes: '3',
          triggeredBy: 'webhook:generic',
          source: 'cli',
          deliveryKey: `generic:${id}`,
        },
        ACTOR.name,
      );
      return batcher.append({
        provider: 'generic',
        deliveryId: id,
        event: 'deployment',
        actor: ACTOR,
        deployment,
        alone: () => Promise.reject(new Error(`batch failed for ${id}`)),
      });
    };

    it('records each distinct delivery once, its replays in the same batch are duplicates, and the audit chain holds', async () => {
      const ids = Array.from({ length: 25 }, (_, n) => `e-${n}`);
      const results = await Promise.all([...ids, ...ids].map(deliver));
      for (const id of ids) {
        const mine = results.filter((result) => result.deliveryId === id);
        assert.deepEqual(mine.map((result) => result.status).sort(), ['duplicate', 'processed'], id);
        assert.ok(mine.every((result) => result.outcome === 'recorded'));
      }
      const deployments = await stores.governance.deployments.listDeployments();
      for (const id of ids)
        assert.equal(deployments.filter((deployment) => deployment.version === `v-${id}`).length, 1, id);
      const recorded = results.find((result) => result.status === 'processed')!;
      const { deploymentId, cost } = recorded.detail as { deploymentId: string; cost: { total: string } };
      const stored = await stores.governance.deployments.getDeployment(deploymentId);
      assert.equal(stored?.cost.total, cost.total, 'the answer names the stored deployment and its cost');
      assert.equal((await stores.access.deliveries.getDelivery('generic', 'e-3'))?.outcome, 'recorded');
      assert.equal((await deliver('e-3')).status, 'duplicate', 'a later replay is a duplicate too');
      const decisions = await stores.governance.decisions.listDecisions({ kind: 'deployment.record' });
      assert.equal(decisions.length, 25);
      const verified = await verifyAuditLog(stores);
      assert.equal(verified.ok, true, JSON.stringify(verified.problem));
    });
  });
}
