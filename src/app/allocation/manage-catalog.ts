import { createHash } from 'node:crypto';
import { CatalogIndex } from '../../core/catalog/catalog-index.js';
import type { Catalog, CatalogVersion } from '../../core/catalog/catalog-model.js';
import { parseCatalog } from '../../core/catalog/parse-catalog.js';
import type { Problem } from '../../core/catalog/yaml-document.js';
import { TollgateError } from '../../core/errors.js';
import type { Stores } from '../../ports/stores.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';
import { invalidFileError, readYamlSources } from './read-yaml-sources.js';

export async function validateCatalogPath(path: string): Promise<{ catalog?: Catalog; problems: Problem[] }> {
  return parseCatalog(await readYamlSources(path));
}

export function hashCatalog(catalog: Catalog): string {
  return createHash('sha256').update(JSON.stringify(catalog)).digest('hex');
}

/** Stores a valid catalogue file as a new version (audited); the same content as the current one is not stored twice. */
export async function applyCatalog(
  stores: Stores,
  path: string,
  actor: Actor,
): Promise<{ status: 'applied' | 'unchanged'; version: CatalogVersion }> {
  const { catalog, problems } = await validateCatalogPath(path);
  if (!catalog) throw invalidFileError('CATALOG_INVALID', `The catalogue ${path}`, problems);
  return storeCatalog(stores, actor, catalog, path);
}

/**
 * Stores a checked catalogue as the next version in one audited transaction (the version, the
 * allocation log's line, one audit entry with the version before and after), unless it is the
 * current one already (then nothing is written). The CLI and the API apply catalogues through here.
 */
export async function storeCatalog(
  stores: Stores,
  actor: Actor,
  catalog: Catalog,
  sourcePath: string,
): Promise<{ status: 'applied' | 'unchanged'; version: CatalogVersion }> {
  const contentHash = hashCatalog(catalog);
  return stores.transaction(async () => {
    const current = await stores.catalog.currentCatalog();
    if (current?.contentHash === contentHash) return { status: 'unchanged' as const, version: current };
    const version = await stores.catalog.saveCatalog({
      catalog,
      appliedBy: actor.name,
      sourcePath,
      contentHash,
    });
    const counts = countEntries(catalog);
    await stores.allocation.audit.record({
      actor: actor.name,
      action: 'catalog.apply',
      subject: `catalog v${version.version}`,
      detail: { path: sourcePath, contentHash, counts },
    });
    await recordAudit(stores, actor, {
      action: 'catalog.apply',
      target: `catalog:v${version.version}`,
      before: current ? { version: current.version, contentHash: current.contentHash } : null,
      after: { version: version.version, contentHash, counts },
    });
    return { status: 'applied' as const, version };
  });
}

export function countEntries(catalog: Catalog) {
  return {
    businessUnits: catalog.businessUnits.length,
    costCentres: catalog.costCentres.length,
    teams: catalog.teams.length,
    services: catalog.services.length,
    environments: catalog.environments.length,
  };
}

/** The current catalogue, which rules, drivers and allocation runs are checked against. */
export async function requireCurrentCatalog(
  stores: Stores,
): Promise<{ version: CatalogVersion; index: CatalogIndex }> {
  const version = await stores.catalog.currentCatalog();
  if (!version) {
    throw new TollgateError(
      'CATALOG_MISSING',
      'No service catalogue has been applied yet; apply one first (rules and drivers refer to its teams and services).',
      'conflict',
    );
  }
  return { version, index: new CatalogIndex(version.catalog) };
}
