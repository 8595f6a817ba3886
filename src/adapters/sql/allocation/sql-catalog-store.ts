import type { Catalog, CatalogVersion } from '../../../core/catalog/catalog-model.js';
import type { CatalogStore } from '../../../ports/catalog-store.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

interface VersionRow extends Record<string, unknown> {
  version: number;
  applied_at: string;
  applied_by: string;
  source_path: string;
  content_hash: string;
  catalog_json?: string;
}

function toVersion(row: VersionRow): CatalogVersion & { sourcePath: string } {
  return {
    version: Number(row.version),
    appliedAt: row.applied_at,
    appliedBy: row.applied_by,
    sourcePath: row.source_path,
    contentHash: row.content_hash,
    catalog: row.catalog_json ? (JSON.parse(row.catalog_json) as Catalog) : emptyCatalog(),
  };
}

function emptyCatalog(): Catalog {
  return { businessUnits: [], costCentres: [], teams: [], services: [], environments: [] };
}

/** Catalogue versions, numbered max + 1, each kept whole as JSON. */
export class SqlCatalogStore implements CatalogStore {
  private readonly columns: string;

  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {
    this.columns = `version, ${dialect.isoSecondColumn('applied_at')}, applied_by, source_path, content_hash`;
  }

  async saveCatalog(input: Parameters<CatalogStore['saveCatalog']>[0]): Promise<CatalogVersion> {
    return this.db.transaction(async () => {
      // Versions are max + 1: processes saving at once take turns instead of colliding.
      await this.db.lockArea('catalog');
      const next = await this.db.one<{ version: number }>(
        'SELECT CAST(COALESCE(max(version), 0) + 1 AS INTEGER) AS version FROM catalog_versions',
      );
      await this.db.run(
        `INSERT INTO catalog_versions VALUES ($version, ${this.dialect.nowUtc}, $by, $path, $hash, $json)`,
        {
          version: next!.version,
          by: input.appliedBy,
          path: input.sourcePath,
          hash: input.contentHash,
          json: JSON.stringify(input.catalog),
        },
      );
      return (await this.getCatalogVersion(next!.version))!;
    });
  }

  async currentCatalog(): Promise<CatalogVersion | undefined> {
    const row = await this.db.one<VersionRow>(
      `SELECT ${this.columns}, catalog_json FROM catalog_versions ORDER BY version DESC LIMIT 1`,
    );
    return row ? toVersion(row) : undefined;
  }

  async getCatalogVersion(version: number): Promise<CatalogVersion | undefined> {
    const row = await this.db.one<VersionRow>(
      `SELECT ${this.columns}, catalog_json FROM catalog_versions WHERE version = $version`,
      { version },
    );
    return row ? toVersion(row) : undefined;
  }

  async listCatalogVersions(): Promise<Omit<CatalogVersion, 'catalog'>[]> {
    const rows = await this.db.all<VersionRow>(
      `SELECT ${this.columns} FROM catalog_versions ORDER BY version`,
    );
    return rows.map((row) => {
      const { catalog: _catalog, ...rest } = toVersion(row);
      return rest;
    });
  }
}
