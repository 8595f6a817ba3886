import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import { UNSPLIT_SHARED_ROWS_SQL } from '../sql/export/focus-export-select.js';
import type { ExportColumn, FocusFileWriter } from '../sql/export/focus-file-writer.js';
import { quoteLiteral } from '../sql/sql-text.js';
import type { PgDatabase } from './pg-database.js';

/** What the file engine (the in-memory DuckDB) offers the writer: one statement. */
export interface FileEngineRun {
  run(sql: string): Promise<void>;
}

const DUCKDB_TYPE = { text: 'VARCHAR', decimal: 'DECIMAL(38,16)', integer: 'BIGINT' } as const;

/**
 * Server mode streams an export from PostgreSQL with COPY ... TO STDOUT into the file, in
 * the server's chunks (never whole in memory). Parquet: the CSV goes to a private temporary
 * file first, and the process's in-memory DuckDB (the file engine) rewrites it as Parquet
 * with the export's column types.
 */
export function createPgFocusFileWriter(pg: PgDatabase, files: FileEngineRun): FocusFileWriter {
  const copyCsv = (select: string, path: string) =>
    pg.withClient(async (client) => {
      const stream = client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT csv, HEADER)`));
      await pipeline(stream, createWriteStream(path));
      return stream.rowCount;
    });
  return {
    // billing_account_id first: the distribution column, so on Citus the joins stay colocated.
    originKeys: ['billing_account_id', 'load_id', 'source_file', 'source_row'],
    hasStoredShares: async (period, runId) => {
      const row = await pg.one<{ unsplit: boolean }>(UNSPLIT_SHARED_ROWS_SQL, { period, run: runId });
      return row?.unsplit === false;
    },
    writeRows: async (select, columns, format, path) => {
      if (format === 'csv') return copyCsv(select, path);
      const dir = await mkdtemp(join(tmpdir(), 'tollgate-export-'));
      try {
        const csv = join(dir, 'export.csv');
        const rows = await copyCsv(select, csv);
        await files.run(
          `COPY (SELECT * FROM read_csv(${quoteLiteral(csv)}, header = true, allow_quoted_nulls = false, columns = ${columnTypes(columns)})) TO ${quoteLiteral(path)} (FORMAT parquet)`,
        );
        return rows;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

function columnTypes(columns: readonly ExportColumn[]): string {
  return `{${columns.map((column) => `${quoteLiteral(column.name)}: '${DUCKDB_TYPE[column.type]}'`).join(', ')}}`;
}
