import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { TollgateError } from '../../core/errors.js';
import { quoteIdentifier } from '../sql/sql-text.js';

/**
 * Streams a CSV file (no header; empty unquoted = NULL, "" = empty text, as DuckDB writes it)
 * into a table with COPY ... FROM STDIN: one statement, never row by row. Returns the rows
 * copied. `table` and `columns` are Tollgate's own names.
 */
export async function copyCsvFile(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  path: string,
): Promise<number> {
  const stream = client.query(
    copyFrom(`COPY ${table} (${columns.map(quoteIdentifier).join(', ')}) FROM STDIN (FORMAT csv)`),
  );
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), stream);
  return stream.rowCount;
}

/**
 * A COPY that fails has kept nothing (the caller's transaction rolls back); the error says
 * why in the user's terms: a full disk, or a value PostgreSQL cannot store (which line).
 */
export function explainCopyFailure(error: unknown): unknown {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (code === '53100') {
    return new TollgateError(
      'DB_DISK_FULL',
      `PostgreSQL ran out of disk space while loading (${detail}); nothing of this load was kept. Free space on the server and load it again.`,
      'unavailable',
    );
  }
  if (code.startsWith('22')) {
    const where = typeof error === 'object' && error !== null && 'where' in error ? String(error.where) : '';
    const line = /COPY \w+, line (\d+)/.exec(where)?.[1];
    return new TollgateError(
      'INGEST_VALUE_REFUSED',
      `PostgreSQL refused a value of the file${line ? ` (staged line ${line})` : ''}: ${detail}. Nothing of this load was kept; fix the value in the source file and load it again.`,
      'invalid-input',
    );
  }
  return error;
}
