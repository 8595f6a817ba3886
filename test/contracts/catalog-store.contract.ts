import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Catalog } from '../../src/core/catalog/catalog-model.js';
import type { Stores } from '../../src/ports/stores.js';
import type { StoresFactory } from './cost-store.contract.js';

const ISO_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function catalogWith(teams: string[]): Catalog {
  return {
    businessUnits: [{ id: 'bu', name: 'Business' }],
    costCentres: [{ id: 'cc', name: 'Centre', businessUnit: 'bu' }],
    teams: teams.map((id) => ({ id, name: `Team ${id}`, costCentre: 'cc' })),
    services: [
      {
        id: 'checkout',
        name: 'Checkout ✓ "quoted"',
        ownerTeam: teams[0]!,
        costCentre: 'cc',
        criticality: 'high',
        environments: ['production'],
      },
    ],
    environments: [{ id: 'production', name: 'Production', production: true }],
  };
}

/** The contract every CatalogStore adapter must keep. */
export function runCatalogStoreContract(adapter: string, openStores: StoresFactory): void {
  describe(`CatalogStore contract: ${adapter}`, () => {
    async function withStores(work: (stores: Stores) => Promise<void>): Promise<void> {
      const stores = await openStores();
      try {
        await work(stores);
      } finally {
        await stores.close();
      }
    }

    it('has no catalogue before the first is saved', () =>
      withStores(async (stores) => {
        assert.equal(await stores.catalog.currentCatalog(), undefined);
        assert.equal(await stores.catalog.getCatalogVersion(1), undefined);
        assert.deepEqual(await stores.catalog.listCatalogVersions(), []);
      }));

    it('numbers versions from 1, keeps each whole, and the newest is current', () =>
      withStores(async (stores) => {
        const first = await stores.catalog.saveCatalog({
          catalog: catalogWith(['payments']),
          appliedBy: 'ana',
          sourcePath: 'catalog.yaml',
          contentHash: 'hash-1',
        });
        const second = await stores.catalog.saveCatalog({
          catalog: catalogWith(['payments', 'search']),
          appliedBy: 'ben',
          sourcePath: 'catalog-v2.yaml',
          contentHash: 'hash-2',
        });
        assert.equal(first.version, 1);
        assert.equal(second.version, 2);
        assert.match(second.appliedAt, ISO_SECOND);
        assert.deepEqual(first.catalog, catalogWith(['payments']));
        const current = await stores.catalog.currentCatalog();
        assert.equal(current?.version, 2);
        assert.deepEqual(current?.catalog, catalogWith(['payments', 'search']));
        assert.equal(current?.contentHash, 'hash-2');
        assert.deepEqual((await stores.catalog.getCatalogVersion(1))?.catalog, catalogWith(['payments']));
        const listed = await stores.catalog.listCatalogVersions();
        assert.deepEqual(
          listed.map((version) => [version.version, version.appliedBy, version.contentHash]),
          [
            [1, 'ana', 'hash-1'],
            [2, 'ben', 'hash-2'],
          ],
        );
        assert.ok(listed.every((version) => !('catalog' in version)));
      }));

    it('keeps nothing of a save whose transaction fails, and numbers on from the last kept', () =>
      withStores(async (stores) => {
        await stores.catalog.saveCatalog({
          catalog: catalogWith(['payments']),
          appliedBy: 'ana',
          sourcePath: 'catalog.yaml',
          contentHash: 'hash-1',
        });
        await assert.rejects(
          stores.transaction(async () => {
            await stores.catalog.saveCatalog({
              catalog: catalogWith(['lost']),
              appliedBy: 'ana',
              sourcePath: 'lost.yaml',
              contentHash: 'lost',
            });
            throw new Error('fails after saving');
          }),
          /fails after saving/,
        );
        assert.equal((await stores.catalog.currentCatalog())?.contentHash, 'hash-1');
        const next = await stores.catalog.saveCatalog({
          catalog: catalogWith(['search']),
          appliedBy: 'ben',
          sourcePath: 'catalog.yaml',
          contentHash: 'hash-2',
        });
        assert.equal(next.version, 2);
      }));
  });
}
