import type { FocusFileWriter } from '../sql/export/focus-file-writer.js';
import { quoteLiteral } from '../sql/sql-text.js';
import type { DuckDbDatabase } from './duckdb-database.js';

/** The embedded file writes an export with COPY ... TO: DuckDB streams the rows to the file itself. */
export function createDuckDbFocusFileWriter(db: DuckDbDatabase): FocusFileWriter {
  return {
    allocatedJoin: 'allocated_lines a JOIN cost_lines c USING (load_id, source_file, source_row)',
    writeRows: async (select, _columns, format, path) => {
      const options = format === 'csv' ? 'FORMAT csv, HEADER' : 'FORMAT parquet';
      const [copied] = await db.all<{ Count: string }>(
        `COPY (${select}) TO ${quoteLiteral(path)} (${options})`,
      );
      return Number(copied?.Count ?? 0);
    },
  };
}
