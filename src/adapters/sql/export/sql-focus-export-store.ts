import type { FocusExportRequest, FocusExportStore } from '../../../ports/focus-export-store.js';
import type { SqlDialect } from '../sql-dialect.js';
import { buildFocusExportSelect } from './focus-export-select.js';
import type { FocusFileWriter } from './focus-file-writer.js';

/** FOCUS exports of allocated cost, one SELECT for both engines; each engine writes the file its way. */
export class SqlFocusExportStore implements FocusExportStore {
  constructor(
    private readonly dialect: SqlDialect,
    private readonly writer: FocusFileWriter,
  ) {}

  async writeFocusFile(request: FocusExportRequest): Promise<{ rows: number }> {
    const { sql, columns } = buildFocusExportSelect({
      dialect: this.dialect,
      originKeys: this.writer.originKeys,
      period: request.period,
      runId: request.runId,
      ruleSetVersion: request.ruleSetVersion,
      // Parquet keeps types, and no spreadsheet runs a formula from it.
      guardCsv: request.format === 'csv',
      storedShares: await this.writer.hasStoredShares(request.period, request.runId),
    });
    return { rows: await this.writer.writeRows(sql, columns, request.format, request.path) };
  }
}
