import type { Catalog, CatalogVersion } from '../core/catalog/catalog-model.js';

/** Versions of the service catalogue; every applied catalogue is kept. */
export interface CatalogStore {
  /** Stores a new version and returns it; the newest version is the current catalogue. */
  saveCatalog(input: {
    catalog: Catalog;
    appliedBy: string;
    sourcePath: string;
    contentHash: string;
  }): Promise<CatalogVersion>;
  currentCatalog(): Promise<CatalogVersion | undefined>;
  getCatalogVersion(version: number): Promise<CatalogVersion | undefined>;
  listCatalogVersions(): Promise<Omit<CatalogVersion, 'catalog'>[]>;
}
