import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  addToDeploymentList,
  deploymentMatches,
  toStoredDeployment,
} from '../../src/api/deployment-list-patch.js';
import type { DeploymentCost } from '../../src/core/governance/deployments/deployment-cost-model.js';
import type { DeploymentRecord } from '../../src/core/governance/deployments/deployment-record.js';
import type { DeploymentFilter } from '../../src/ports/deployment-store.js';
import type { Stores } from '../../src/ports/stores.js';
import { openCachedReleaseStores } from '../support/release-stores.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * A recorded deployment is added to the cached deployment lists in memory (no read again), and
 * every list must then equal what the database reads: each filter the release spend and the
 * dashboard use, after single and batched inserts, a rolled-back one, and a deployment whose
 * stored form differs from what was sent (which empties the lists instead).
 */
const FILTERS: DeploymentFilter[] = [
  {},
  { service: 'payments' },
  { service: 'docs-site' },
  { releaseId: 'R-2026-03' },
  { environment: 'production' },
  { service: 'payments', from: '2026-03-01', to: '2026-03-06' },
  { service: 'payments', from: '2026-03-06', to: '2026-03-31' },
  { from: '2026-03-05T10:30:00.000Z' },
  { to: '2026-03-05T10:30:00Z' },
];

const COST: DeploymentCost = {
  modelVersion: 'test-1',
  currency: 'EUR',
  pipeline: '1.5',
  documentation: '0',
  cabReview: '0',
  execution: '10',
  licences: '0',
  rollbackWork: '0',
  environment: '2.25',
  deployment: '12.25',
  total: '13.75',
};

function record(n: number, overrides: Partial<DeploymentRecord> = {}): DeploymentRecord {
  return {
    id: `DEP-${9000 + n}`,
    deliveryKey: `test:${n}`,
    source: 'api',
    service: n % 2 === 0 ? 'payments' : 'docs-site',
    version: `v${n}`,
    environment: 'production',
    startedAt: '2026-03-05T10:00:00.000Z',
    finishedAt: `2026-03-0${(n % 4) + 3}T10:30:00.000Z`,
    outcome: 'succeeded',
    changeType: 'standard',
    releaseId: n % 3 === 0 ? 'R-2026-03' : undefined,
    triggeredBy: 'ci',
    pipelineMinutes: '12.50',
    ...overrides,
  };
}

describe('cached deployment lists take a recorded deployment in memory', () => {
  const dir = makeTempDir();
  let stores: Stores;
  let cached: Stores;
  let counts: () => { hits: number; loads: number };
  before(async () => {
    ({ stores, cached, counts } = await openCachedReleaseStores(dir, { withBill: false }));
  });
  after(async () => {
    await stores.close();
  });

  /** Every filter's cached list equals the database's; returns the reads the cache made. */
  async function listsAgree(): Promise<number> {
    const before = counts().loads;
    for (const filter of FILTERS) {
      assert.deepEqual(
        await cached.governance.deployments.listDeployments(filter),
        await stores.governance.deployments.listDeployments(filter),
        JSON.stringify(filter),
      );
    }
    return counts().loads - before;
  }

  it('adds a deployment inserted alone and a batch inserted in a transaction, without reading again', async () => {
    await listsAgree();
    assert.equal(await listsAgree(), 0, 'the second pass is served from memory');
    await stores.governance.deployments.insertDeployment(record(0), COST);
    assert.equal(await listsAgree(), 0);
    let inserted!: () => void;
    let commit!: () => void;
    const insertedNow = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const commitNow = new Promise<void>((resolve) => {
      commit = resolve;
    });
    const written = stores.transaction(async () => {
      await stores.governance.deployments.insertDeployments(
        [1, 2, 3, 4, 5].map((n) => ({ record: record(n), cost: COST })),
      );
      // Inside the transaction its own uncommitted rows are read from the database.
      const inside = await cached.governance.deployments.listDeployments({ service: 'docs-site' });
      assert.ok(inside.some((deployment) => deployment.id === 'DEP-9001'));
      inserted();
      await commitNow;
    });
    await insertedNow;
    // Outside it they are not seen before the commit (and this read is cached meanwhile).
    const outside = await cached.governance.deployments.listDeployments({ service: 'docs-site' });
    assert.ok(!outside.some((deployment) => deployment.id === 'DEP-9001'));
    commit();
    await written;
    assert.equal(await listsAgree(), 0);
    const all = await cached.governance.deployments.listDeployments();
    assert.equal(all.filter((deployment) => deployment.id.startsWith('DEP-90')).length, 6);
  });

  it('adds nothing from a transaction that rolled back', async () => {
    await listsAgree();
    await assert.rejects(
      stores.transaction(async () => {
        await stores.governance.deployments.insertDeployment(record(6), COST);
        throw new Error('refused');
      }),
      /refused/,
    );
    assert.equal(await listsAgree(), 0);
    assert.ok(!(await cached.governance.deployments.listDeployments()).some((d) => d.id === 'DEP-9006'));
  });

  it('reads the lists again after a deployment the store keeps in another form', async () => {
    await listsAgree();
    // Not a stored time (no milliseconds): the store's form differs, so the lists are emptied.
    await stores.governance.deployments.insertDeployment(
      record(7, { startedAt: '2026-03-05T10:00:00Z', finishedAt: '2026-03-05T11:00:00Z' }),
      COST,
    );
    assert.equal(await listsAgree(), FILTERS.length);
  });

  it('changes no list when deployment ids are drawn', async () => {
    await listsAgree();
    await stores.governance.deployments.nextDeploymentIds(3);
    await stores.governance.deployments.nextDeploymentId();
    assert.equal(await listsAgree(), 0);
  });
});

describe('deployment list patching refuses what it cannot be sure of', () => {
  const stored = toStoredDeployment(record(1), COST)!;
  it('stores minutes as the store reads them back, and refuses what it would round', () => {
    assert.equal(stored.pipelineMinutes, '12.5');
    assert.equal(toStoredDeployment(record(1, { pipelineMinutes: '0.12345678901234567' }), COST), undefined);
    assert.equal(toStoredDeployment(record(1, { finishedAt: '2026-03-05T10:30:00+01:00' }), COST), undefined);
    assert.equal(toStoredDeployment(record(1, { committedAt: '2026-03-05' }), COST), undefined);
  });
  it('matches a filter, or says it cannot tell', () => {
    assert.equal(deploymentMatches({ service: 'docs-site', from: '2026-03-04' }, stored), true);
    assert.equal(deploymentMatches({ service: 'docs-site', to: '2026-03-04T10:30:00.000Z' }, stored), false);
    assert.equal(deploymentMatches({ from: 'yesterday' }, stored), undefined);
    assert.equal(deploymentMatches({ to: '2026-03-04T10:30:00+02:00' }, stored), undefined);
  });
  it('adds in the store order and never twice', () => {
    const a = toStoredDeployment(record(0), COST)!;
    const b = toStoredDeployment(record(2), COST)!;
    assert.deepEqual(
      addToDeploymentList([a], [b, a]).map((d) => d.id),
      [a, b].sort((x, y) => x.finishedAt.localeCompare(y.finishedAt)).map((d) => d.id),
    );
  });
});
