import { UNSPLIT_SHARED_ROWS_SQL } from '../sql/export/focus-export-select.js';
import type { FocusFileWriter } from '../sql/export/focus-file-writer.js';
import { quoteLiteral } from '../sql/sql-text.js';
import { hasStoredSplitShares } from './duckdb-allocation-shares.js';
import type { DuckDbDatabase } from './duckdb-database.js';

/**
 * The share of the configured memory limit an export's COPY runs under. DuckDB keeps its
 * buffers within the limit but not the rest (the CSV writer's buffers, the vectors in flight,
 * the allocator's slack): under the default 384MB an export of a million lines peaked at 550 MB
 * of RSS, under two thirds of it at 430 MB (npm run bench:export). The export spills instead.
 */
const EXPORT_MEMORY_SHARE = 2 / 3;
const UNITS: Record<string, number> = { bytes: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 };

/** DuckDB's own text of its memory limit ('366.2 MiB') in KiB, or undefined if not understood. */
function limitKiB(text: string): number | undefined {
  const match = /^([\d.]+)\s*(bytes|KiB|MiB|GiB|TiB)$/.exec(text.trim());
  if (!match) return undefined;
  return Math.floor((Number(match[1]) * UNITS[match[2]!]!) / 1024);
}

/**
 * The embedded file writes an export with COPY ... TO: DuckDB streams the rows to the file
 * itself. The COPY runs under a lower memory limit (EXPORT_MEMORY_SHARE of `memoryLimit`, the
 * configured one, set back afterwards); the limit is the database's, so statements running
 * meanwhile (the API server's) spill sooner for that time too.
 */
export function createDuckDbFocusFileWriter(db: DuckDbDatabase, memoryLimit: string): FocusFileWriter {
  return {
    originKeys: ['load_id', 'source_file', 'source_row'],
    hasStoredShares: (period, runId) => hasStoredSplitShares(db, UNSPLIT_SHARED_ROWS_SQL, period, runId),
    writeRows: async (select, _columns, format, path) => {
      const options = format === 'csv' ? 'FORMAT csv, HEADER' : 'FORMAT parquet';
      const [current] = await db.all<{ limit: string }>(`SELECT current_setting('memory_limit') AS "limit"`);
      const configured = limitKiB(current?.limit ?? '');
      if (configured !== undefined)
        await db.run(`SET memory_limit = '${Math.floor(configured * EXPORT_MEMORY_SHARE)}KiB'`);
      try {
        const [copied] = await db.all<{ Count: string }>(
          `COPY (${select}) TO ${quoteLiteral(path)} (${options})`,
        );
        return Number(copied?.Count ?? 0);
      } finally {
        if (configured !== undefined) await db.run(`SET memory_limit = ${quoteLiteral(memoryLimit)}`);
      }
    },
  };
}
