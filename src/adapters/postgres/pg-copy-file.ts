import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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
