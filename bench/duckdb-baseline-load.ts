// The baseline of the ingest benchmark: DuckDB itself loading a billing file into a table,
// with no validation, under the same memory limit and threads Tollgate uses by default.
// Usage: node --import tsx bench/duckdb-baseline-load.ts <db-file> <csv-or-parquet-file>
import { DuckDBInstance } from '@duckdb/node-api';

const [dbPath, file] = process.argv.slice(2);
if (!dbPath || !file) {
  process.stderr.write('usage: duckdb-baseline-load.ts <db-file> <csv-or-parquet-file>\n');
  process.exit(2);
}
const instance = await DuckDBInstance.create(dbPath, { memory_limit: '512MB', threads: '2' });
const connection = await instance.connect();
const source = file.endsWith('.parquet') ? 'read_parquet' : 'read_csv';
const escaped = file.replaceAll("'", "''");
await connection.run(`CREATE TABLE t AS SELECT * FROM ${source}('${escaped}')`);
const reader = await connection.runAndReadAll('SELECT count(*)::VARCHAR AS n FROM t');
process.stdout.write(`${JSON.stringify({ rows: Number(reader.getRowObjectsJson()[0]!.n) })}\n`);
connection.closeSync();
instance.closeSync();
