import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addRates } from '../../src/app/currency/manage-exchange-rates.js';
import { recordDeployment } from '../../src/app/governance/deployments/record-deployments.js';
import {
  createReleaseFromYaml,
  listReleases,
  logReleaseTime,
  releaseSpent,
} from '../../src/app/governance/releases/manage-releases.js';
import type { Stores } from '../../src/ports/stores.js';
import { loadReleaseBill, openCachedReleaseStores, releaseFixture } from '../support/release-stores.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * The gate keeps a release's spend so far (read from the bill) in memory between decisions.
 * Each write that can move it (labour booked, a deployment, a new bill and its allocation)
 * must show in the very next decision: the cached figure is compared with one read straight
 * from the database after each, and each write is chosen so that the figure really moves.
 */
describe('the gate cache keeps a release spend from the bill until the bill or the release changes', () => {
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

  /**
   * The spend through the cache, after checking it equals a read from the database, and that
   * the release list (GET /api/v1/releases, served from the same cache) does too.
   */
  async function spentBothWays(): Promise<string> {
    const fromCache = await releaseSpent(cached, 'R-2026-03');
    assert.equal(fromCache, await releaseSpent(stores, 'R-2026-03'));
    assert.deepEqual(await listReleases(cached), await listReleases(stores));
    return fromCache;
  }

  it('measures the spend once and answers the next decisions from memory', async () => {
    await spentBothWays();
    const before = counts();
    for (let n = 0; n < 3; n++) await releaseSpent(cached, 'R-2026-03');
    const later = counts();
    assert.equal(later.loads, before.loads, JSON.stringify({ before, later }));
    assert.ok(later.hits > before.hits, JSON.stringify({ before, later }));
  });

  it('shows labour booked on the next decision', async () => {
    const before = await spentBothWays();
    await logReleaseTime(
      stores,
      { releaseId: 'R-2026-03', person: 'dev', role: 'engineer', hours: '30', date: '2026-03-02' },
      'dev',
    );
    const later = await spentBothWays();
    assert.notEqual(later, before);
  });

  it('shows a new deployment and a new, allocated bill on the next decision', async () => {
    await spentBothWays();
    await recordDeployment(
      stores,
      {
        service: 'payments',
        version: 'v1.4.0',
        environment: 'production',
        releaseId: 'R-2026-03',
        startedAt: '2026-03-03T10:00:00Z',
        finishedAt: '2026-03-05T10:30:00Z',
        outcome: 'succeeded',
        changeType: 'normal',
        triggeredBy: 'ci',
        pipelineMinutes: '25',
      },
      'ci',
    );
    const deployed = await spentBothWays();
    // The bill has 50 USD for a EUR release: its day needs a rate (RATE_MISSING otherwise).
    await addRates(
      stores,
      ['03', '04', '05'].map((d) => ({ date: `2026-03-${d}`, from: 'USD', to: 'EUR', rate: '0.9' })),
    );
    await loadReleaseBill(stores, dir);
    const billed = await spentBothWays();
    assert.notEqual(billed, deployed);
  });

  it('lists a release created after the list was cached, with its actuals', async () => {
    const before = await listReleases(cached);
    await createReleaseFromYaml(
      stores,
      releaseFixture('release.yaml').replace('R-2026-03', 'R-2026-04'),
      'release.yaml',
      'rm',
      '2026-02-02T00:00:00Z',
    );
    const later = await listReleases(cached);
    assert.deepEqual(later, await listReleases(stores));
    assert.equal(later.length, before.length + 1);
    assert.ok(later.some((release) => release.id === 'R-2026-04'));
  });
});
