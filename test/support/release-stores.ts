import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheGateState, type GateStateCache } from '../../src/api/cached-stores.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { applyRules } from '../../src/app/allocation/manage-rules.js';
import { allocatePeriods } from '../../src/app/allocation/run-allocation.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { applyPolicy, applyRateCard } from '../../src/app/governance/apply-governance-config.js';
import { createReleaseFromYaml } from '../../src/app/governance/releases/manage-releases.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import type { Stores } from '../../src/ports/stores.js';
import { writeReleaseBill } from './release-bill.js';

/** A governance fixture's text (test/governance/fixtures). */
export const releaseFixture = (name: string) =>
  readFileSync(new URL(`../governance/fixtures/${name}`, import.meta.url), 'utf8');

/** Maps the bill's team-pay lines to the payments service, so the release's spend is allocated. */
const RULES = `tag_keys: case-insensitive
mapping:
  - id: payments
    when:
      tag:team: team-pay
    set: { team: team-pay, service: payments }
`;

/** Writes the March 2026 release bill (release-bill.ts) into `dir`, loads it and allocates March. */
export async function loadReleaseBill(stores: Stores, dir: string): Promise<void> {
  writeReleaseBill(join(dir, 'bill.csv'));
  await ingestBillingFiles(stores, [join(dir, 'bill.csv')], {
    onError: 'fail',
    dryRun: false,
    rejectReportPath: join(dir, 'rejects.csv'),
  });
  await allocatePeriods(stores, '2026-03', commandLineActor());
}

/**
 * A DuckDB file in `dir` with the governance fixtures' catalogue, the payments rule, the rate
 * card, the policy and release R-2026-03 (created 2026-02-01); with `withBill`, the March bill
 * loaded and allocated before the rate card, as release money reads it.
 */
export async function openReleaseStores(dir: string, { withBill }: { withBill: boolean }): Promise<Stores> {
  const stores = await openTollgate(loadConfig({ db: join(dir, 't.duckdb') }, {}));
  writeFileSync(join(dir, 'catalog.yaml'), releaseFixture('catalog.yaml'));
  writeFileSync(join(dir, 'rules.yaml'), RULES);
  await applyCatalog(stores, join(dir, 'catalog.yaml'), commandLineActor());
  await applyRules(stores, join(dir, 'rules.yaml'), { actor: commandLineActor() });
  if (withBill) await loadReleaseBill(stores, dir);
  await applyRateCard(stores, releaseFixture('rates.yaml'), 'rates.yaml', 'rm');
  await applyPolicy(stores, releaseFixture('governance.yaml'), 'governance.yaml', 'rm');
  await createReleaseFromYaml(
    stores,
    releaseFixture('release.yaml'),
    'release.yaml',
    'rm',
    '2026-02-01T00:00:00Z',
  );
  return stores;
}

/** Release stores with the gate cache over them, as `tollgate serve` holds an embedded database. */
export interface CachedReleaseStores {
  /** The stores themselves: their writes empty the cache, their reads go to the database. */
  stores: Stores;
  /** The same stores, answering the cached reads from memory. */
  cached: Stores;
  /** The cache's reads served from memory and loads from the database so far. */
  counts: GateStateCache['counts'];
}

/**
 * openReleaseStores with the gate cache wrapped round the stores. A test that does not read
 * through the cache uses openReleaseStores: the wrapping replaces the stores' writes and
 * transaction in place.
 */
export async function openCachedReleaseStores(
  dir: string,
  options: { withBill: boolean },
): Promise<CachedReleaseStores> {
  const stores = await openReleaseStores(dir, options);
  const { cachedStores, counts } = cacheGateState(stores);
  return { stores, cached: cachedStores, counts };
}
