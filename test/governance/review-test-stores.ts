import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { applyRateCard } from '../../src/app/governance/apply-governance-config.js';
import type { Stores } from '../../src/ports/stores.js';
import { makeTempDir } from '../support/temp-dir.js';
import { CATALOG } from './governance-fixtures.js';

/** A governance fixture's text (test/governance/fixtures). */
export const governanceFixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/**
 * Full stores in a fresh DuckDB file (the gate and reviews write the audit chain too) holding the
 * fixtures' catalogue and rate card; each test then applies the policy it needs.
 */
export async function openReviewTestStores(name: string): Promise<Stores> {
  const stores = await openDuckDbStores({
    path: join(makeTempDir(), `${name}.duckdb`),
    memoryLimit: '256MB',
    threads: 1,
  });
  await stores.catalog.saveCatalog({
    catalog: CATALOG,
    appliedBy: 't',
    sourcePath: 'c.yaml',
    contentHash: 'x',
  });
  await applyRateCard(stores, governanceFixture('rates.yaml'), 'rates.yaml', 'rm');
  return stores;
}
