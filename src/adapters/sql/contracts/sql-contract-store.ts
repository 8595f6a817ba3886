import type { ContractRegister, ContractRegisterRecords } from '../../../core/contracts/contract-model.js';
import type { ContractStore, RecordVersion } from '../../../ports/contract-store.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

interface VersionRow {
  record_id: string;
  version: number;
  changed_at: string;
  changed_by: string;
  record: string;
  [key: string]: unknown;
}

/** Licences, usage, vendor contracts and SLA breaches as versions (contract_record_versions), the same SQL on both engines. */
export class SqlContractStore implements ContractStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {}

  /** The next version of each id is its MAX()+1, under the register's lock, so two writers take turns. */
  saveVersions<R extends ContractRegister>(
    register: R,
    records: readonly { id: string; record: ContractRegisterRecords[R] }[],
    changedBy: string,
  ): Promise<number[]> {
    if (records.length === 0) return Promise.resolve([]);
    return this.db.transaction(async () => {
      await this.db.lockArea(`contracts:${register}`);
      const latest = await this.db.all<{ record_id: string; version: number }>(
        `SELECT v.record_id, MAX(v.version) AS version FROM contract_record_versions v
         JOIN ${this.dialect.jsonRows('ids', [['id', 'VARCHAR']], 'i')} ON i.id = v.record_id
         WHERE v.register = $register
         GROUP BY v.record_id`,
        { register, ids: JSON.stringify(records.map(({ id }) => ({ id }))) },
      );
      const current = new Map(latest.map((row) => [row.record_id, Number(row.version)]));
      const versions = records.map(({ id }) => (current.get(id) ?? 0) + 1);
      await this.db.run(
        `INSERT INTO contract_record_versions
         SELECT $register, r.record_id, CAST(r.version AS INTEGER), ${this.dialect.nowUtc}, $changedBy, r.record
         FROM ${this.dialect.jsonRows('rows', [
           ['record_id', 'VARCHAR'],
           ['version', 'VARCHAR'],
           ['record', 'VARCHAR'],
         ])}`,
        {
          register,
          changedBy,
          rows: JSON.stringify(
            records.map(({ id, record }, index) => ({
              record_id: id,
              version: String(versions[index]),
              record: JSON.stringify(record),
            })),
          ),
        },
      );
      return versions;
    });
  }

  async listCurrent<R extends ContractRegister>(
    register: R,
  ): Promise<RecordVersion<ContractRegisterRecords[R]>[]> {
    const rows = await this.db.all<VersionRow>(
      `SELECT v.record_id, v.version, ${this.dialect.isoColumn('v.changed_at', 'changed_at')}, v.changed_by, v.record
       FROM contract_record_versions v
       JOIN (SELECT record_id, MAX(version) AS version FROM contract_record_versions
             WHERE register = $register GROUP BY record_id) n
         ON n.record_id = v.record_id AND n.version = v.version
       WHERE v.register = $register
       ORDER BY v.record_id`,
      { register },
    );
    return rows.map(toVersion<ContractRegisterRecords[R]>);
  }

  async history<R extends ContractRegister>(
    register: R,
    id: string,
  ): Promise<RecordVersion<ContractRegisterRecords[R]>[]> {
    const rows = await this.db.all<VersionRow>(
      `SELECT record_id, version, ${this.dialect.isoColumn('changed_at')}, changed_by, record FROM contract_record_versions
       WHERE register = $register AND record_id = $id ORDER BY version`,
      { register, id },
    );
    return rows.map(toVersion<ContractRegisterRecords[R]>);
  }
}

function toVersion<T>(row: VersionRow): RecordVersion<T> {
  return {
    id: row.record_id,
    record: JSON.parse(row.record) as T,
    version: Number(row.version),
    changedAt: row.changed_at,
    changedBy: row.changed_by,
  };
}
