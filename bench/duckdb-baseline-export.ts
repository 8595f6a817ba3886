// The baseline of the export benchmark: DuckDB's own COPY ... TO of the same rows (every
// allocated line of the period joined to its cost line, all columns), under the memory limit
// and threads Tollgate uses by default (384MB, 2).
// Usage: node --import tsx bench/duckdb-baseline-export.ts <db-file> <run-id> <out-file>
import { DuckDBInstance } from '@duckdb/node-api';

const [dbPath, runId, out] = process.argv.slice(2);
if (!dbPath || !runId || !out || !/^\d+$/.test(runId)) {
  process.stderr.write('usage: duckdb-baseline-export.ts <db-file> <run-id> <out-file>\n');
  process.exit(2);
}
const instance = await DuckDBInstance.create(dbPath, { memory_limit: '384MB', threads: '2' });
const connection = await instance.connect();
const reader = await connection.runAndReadAll(
  `COPY (SELECT * FROM allocated_cost_lines WHERE allocation_run = ${runId}) TO '${out.replaceAll("'", "''")}' (FORMAT csv, HEADER)`,
);
process.stdout.write(`${JSON.stringify({ rows: Number(reader.getRowObjectsJson()[0]?.Count ?? 0) })}\n`);
connection.closeSync();
instance.closeSync();
