import type { Asset } from '../../../core/assets/asset-model.js';
import type { AssetStore, AssetVersion } from '../../../ports/asset-store.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

interface VersionRow {
  version: number;
  changed_at: string;
  changed_by: string;
  record: string;
  [key: string]: unknown;
}

/** The asset register as versions (asset_versions), the same SQL on both engines. */
export class SqlAssetStore implements AssetStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {}

  /** The next version of each id is its MAX()+1, under the register's lock, so two writers take turns. */
  saveAssetVersions(assets: readonly Asset[], changedBy: string): Promise<number[]> {
    if (assets.length === 0) return Promise.resolve([]);
    return this.db.transaction(async () => {
      await this.db.lockArea('assets:register');
      const ids = assets.map((asset) => asset.id);
      const latest = await this.db.all<{ asset_id: string; version: number }>(
        `SELECT v.asset_id, MAX(v.version) AS version FROM asset_versions v
         JOIN ${this.dialect.jsonRows('ids', [['id', 'VARCHAR']], 'i')} ON i.id = v.asset_id
         GROUP BY v.asset_id`,
        { ids: JSON.stringify(ids.map((id) => ({ id }))) },
      );
      const current = new Map(latest.map((row) => [row.asset_id, Number(row.version)]));
      const versions = assets.map((asset) => (current.get(asset.id) ?? 0) + 1);
      await this.db.run(
        `INSERT INTO asset_versions
         SELECT r.asset_id, CAST(r.version AS INTEGER), ${this.dialect.nowUtc}, $changedBy, r.asset_class, r.owner_team,
           r.status, CAST(r.acquisition_cost AS NUMERIC(38,16)), r.record
         FROM ${this.dialect.jsonRows('rows', [
           ['asset_id', 'VARCHAR'],
           ['version', 'VARCHAR'],
           ['asset_class', 'VARCHAR'],
           ['owner_team', 'VARCHAR'],
           ['status', 'VARCHAR'],
           ['acquisition_cost', 'VARCHAR'],
           ['record', 'VARCHAR'],
         ])}`,
        {
          changedBy,
          rows: JSON.stringify(
            assets.map((asset, index) => ({
              asset_id: asset.id,
              version: String(versions[index]),
              asset_class: asset.assetClass,
              owner_team: asset.ownerTeam,
              status: asset.status,
              acquisition_cost: asset.acquisitionCost,
              record: JSON.stringify(asset),
            })),
          ),
        },
      );
      return versions;
    });
  }

  async listAssets(): Promise<AssetVersion[]> {
    const rows = await this.db.all<VersionRow>(
      `SELECT v.version, ${this.dialect.isoColumn('v.changed_at', 'changed_at')}, v.changed_by, v.record
       FROM asset_versions v
       JOIN (SELECT asset_id, MAX(version) AS version FROM asset_versions GROUP BY asset_id) n
         ON n.asset_id = v.asset_id AND n.version = v.version
       ORDER BY v.asset_id`,
    );
    return rows.map(toVersion);
  }

  async getAsset(id: string): Promise<AssetVersion | undefined> {
    const row = await this.db.one<VersionRow>(
      `SELECT version, ${this.dialect.isoColumn('changed_at')}, changed_by, record FROM asset_versions
       WHERE asset_id = $id ORDER BY version DESC LIMIT 1`,
      { id },
    );
    return row ? toVersion(row) : undefined;
  }

  async assetHistory(id: string): Promise<AssetVersion[]> {
    const rows = await this.db.all<VersionRow>(
      `SELECT version, ${this.dialect.isoColumn('changed_at')}, changed_by, record FROM asset_versions
       WHERE asset_id = $id ORDER BY version`,
      { id },
    );
    return rows.map(toVersion);
  }
}

function toVersion(row: VersionRow): AssetVersion {
  return {
    asset: JSON.parse(row.record) as Asset,
    version: Number(row.version),
    changedAt: row.changed_at,
    changedBy: row.changed_by,
  };
}
