import type { LicenceUsage } from '../../../core/contracts/contract-model.js';
import type { LicenceUsageSnapshot, LicenceUsageStore } from '../../../ports/licence-usage-store.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

interface SnapshotRow {
  licence_id: string;
  as_of: string;
  loaded_at: string;
  loaded_by: string;
  record: string;
  [key: string]: unknown;
}

/** Licence usage snapshots per licence and day (licence_usage_snapshots), the same SQL on both engines. */
export class SqlLicenceUsageStore implements LicenceUsageStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {}

  private get columns(): string {
    return `s.licence_id, ${this.dialect.dateColumn('s.as_of', 'as_of')}, ${this.dialect.isoColumn('s.loaded_at', 'loaded_at')}, s.loaded_by, s.record`;
  }

  /** Deletes the days given and inserts them again, under the register's lock so two loads take turns. */
  replaceSnapshots(
    snapshots: readonly { asOf: string; usage: LicenceUsage }[],
    loadedBy: string,
  ): Promise<void> {
    if (snapshots.length === 0) return Promise.resolve();
    const rows = JSON.stringify(
      snapshots.map(({ asOf, usage }) => ({
        licence_id: usage.licenceId,
        as_of: asOf,
        record: JSON.stringify(usage),
      })),
    );
    const columns = [
      ['licence_id', 'VARCHAR'],
      ['as_of', 'VARCHAR'],
      ['record', 'VARCHAR'],
    ] as const;
    return this.db.transaction(async () => {
      await this.db.lockArea('contracts:licence-usage-snapshots');
      await this.db.run(
        `DELETE FROM licence_usage_snapshots WHERE EXISTS (
           SELECT 1 FROM ${this.dialect.jsonRows('rows', columns)}
           WHERE r.licence_id = licence_usage_snapshots.licence_id
             AND CAST(r.as_of AS DATE) = licence_usage_snapshots.as_of)`,
        { rows },
      );
      await this.db.run(
        `INSERT INTO licence_usage_snapshots
         SELECT r.licence_id, CAST(r.as_of AS DATE), ${this.dialect.nowUtc}, $loadedBy, r.record
         FROM ${this.dialect.jsonRows('rows', columns)}`,
        { rows, loadedBy },
      );
    });
  }

  async findSnapshots(keys: readonly { licenceId: string; asOf: string }[]): Promise<LicenceUsageSnapshot[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.all<SnapshotRow>(
      `SELECT ${this.columns} FROM licence_usage_snapshots s
       JOIN ${this.dialect.jsonRows(
         'keys',
         [
           ['licence_id', 'VARCHAR'],
           ['as_of', 'VARCHAR'],
         ],
         'k',
       )} ON k.licence_id = s.licence_id AND CAST(k.as_of AS DATE) = s.as_of
       ORDER BY s.licence_id, s.as_of`,
      { keys: JSON.stringify(keys.map((key) => ({ licence_id: key.licenceId, as_of: key.asOf }))) },
    );
    return rows.map(toSnapshot);
  }

  async latestOnOrBefore(day: string): Promise<LicenceUsageSnapshot[]> {
    const rows = await this.db.all<SnapshotRow>(
      `SELECT ${this.columns} FROM licence_usage_snapshots s
       JOIN (SELECT licence_id, MAX(as_of) AS as_of FROM licence_usage_snapshots
             WHERE as_of <= CAST($day AS DATE) GROUP BY licence_id) n
         ON n.licence_id = s.licence_id AND n.as_of = s.as_of
       ORDER BY s.licence_id`,
      { day },
    );
    return rows.map(toSnapshot);
  }

  async listBetween(from: string, to: string): Promise<LicenceUsageSnapshot[]> {
    const rows = await this.db.all<SnapshotRow>(
      `SELECT ${this.columns} FROM licence_usage_snapshots s
       WHERE s.as_of >= CAST($from AS DATE) AND s.as_of <= CAST($to AS DATE)
       ORDER BY s.licence_id, s.as_of`,
      { from, to },
    );
    return rows.map(toSnapshot);
  }
}

function toSnapshot(row: SnapshotRow): LicenceUsageSnapshot {
  return {
    licenceId: row.licence_id,
    asOf: row.as_of,
    usage: JSON.parse(row.record) as LicenceUsage,
    loadedAt: row.loaded_at,
    loadedBy: row.loaded_by,
  };
}
