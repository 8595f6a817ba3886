import { type FocusDatasetName, focusDatasetNamed } from '../../../core/focus/focus-datasets.js';
import type {
  FocusDatasetRecord,
  FocusDatasetStore,
  StoredFocusDatasetRecord,
} from '../../../ports/focus-dataset-store.js';
import { textColumns, trimMoney } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

const RECORD_COLUMNS = [
  'record_key',
  'period_start',
  'period_end',
  'amount',
  'currency',
  'label',
  'attributes',
  'source_file',
  'source_row',
];

function tableOf(dataset: FocusDatasetName): string {
  const shape = focusDatasetNamed(dataset);
  if (!shape) throw new Error(`unknown FOCUS dataset ${dataset}`);
  return shape.table;
}

/** ContractCommitment, BillingPeriod and InvoiceDetail records, on either engine. */
export class SqlFocusDatasetStore implements FocusDatasetStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {}

  /** The records travel as one JSON array: one DELETE of the same keys, one INSERT. */
  replaceRecords(
    dataset: FocusDatasetName,
    records: readonly FocusDatasetRecord[],
  ): Promise<{ replaced: number }> {
    const table = tableOf(dataset);
    return this.db.transaction(async () => {
      await this.db.lockArea(`focus-datasets:${dataset}`);
      const rows = JSON.stringify(
        records.map((record) => ({
          record_key: record.recordKey,
          period_start: record.periodStart,
          period_end: record.periodEnd,
          amount: record.amount,
          currency: record.currency,
          label: record.label,
          attributes: JSON.stringify(record.attributes),
          source_file: record.sourceFile,
          source_row: String(record.sourceRow),
        })),
      );
      const from = this.dialect.jsonRows('records', textColumns(RECORD_COLUMNS), 'r');
      const [counted] = await this.db.all<{ n: string | number }>(
        `SELECT count(*) AS n FROM ${table} WHERE record_key IN (SELECT r.record_key FROM ${from})`,
        { records: rows },
      );
      await this.db.run(`DELETE FROM ${table} WHERE record_key IN (SELECT r.record_key FROM ${from})`, {
        records: rows,
      });
      await this.db.run(
        `INSERT INTO ${table} (${RECORD_COLUMNS.join(', ')}, loaded_at)
         SELECT r.record_key, CAST(r.period_start AS TIMESTAMP), CAST(r.period_end AS TIMESTAMP),
           CAST(r.amount AS NUMERIC(38,16)), r.currency, r.label, r.attributes, r.source_file,
           CAST(r.source_row AS BIGINT), ${this.dialect.nowUtc}
         FROM ${from}`,
        { records: rows },
      );
      return { replaced: Number(counted?.n ?? 0) };
    });
  }

  async listRecords(
    dataset: FocusDatasetName,
    options: { limit: number },
  ): Promise<StoredFocusDatasetRecord[]> {
    const { dialect } = this;
    const rows = await this.db.all<{
      record_key: string;
      period_start: string | null;
      period_end: string | null;
      amount: string | null;
      currency: string | null;
      label: string | null;
      attributes: string;
      source_file: string;
      source_row: string | number;
      loaded_at: string;
    }>(
      `SELECT record_key, ${dialect.isoSecondColumn('period_start')}, ${dialect.isoSecondColumn('period_end')},
         ${dialect.moneyColumn('amount')}, currency, label, attributes, source_file, source_row,
         ${dialect.isoColumn('loaded_at')}
       FROM ${tableOf(dataset)} ORDER BY period_start NULLS FIRST, record_key LIMIT $limit`,
      { limit: options.limit },
    );
    return rows.map((row) => ({
      recordKey: row.record_key,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      amount: row.amount === null ? null : trimMoney(row.amount),
      currency: row.currency,
      label: row.label,
      attributes: JSON.parse(row.attributes) as Record<string, string | null>,
      sourceFile: row.source_file,
      sourceRow: Number(row.source_row),
      loadedAt: row.loaded_at,
    }));
  }
}
