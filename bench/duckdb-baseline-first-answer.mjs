// The baseline of the first-answer benchmark, standing in for the analyst's pandas script
// (pandas is not installed on the benchmark machine): a fresh process reads the FOCUS CSV with
// DuckDB's own read_csv and sums EffectiveCost by service, month and billing currency (Tollgate
// never adds two currencies together, so neither does the baseline), with no validation and no
// stored database. Plain JavaScript run by node, so no loader start-up is counted against it.
// Usage: node bench/duckdb-baseline-first-answer.mjs <focus-csv-file>
import { DuckDBInstance } from '@duckdb/node-api';

const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: duckdb-baseline-first-answer.mjs <focus-csv-file>\n');
  process.exit(2);
}
const instance = await DuckDBInstance.create(':memory:', { memory_limit: '512MB', threads: '2' });
const connection = await instance.connect();
const escaped = file.replaceAll("'", "''");
const reader = await connection.runAndReadAll(
  `SELECT ServiceName AS service, strftime(date_trunc('month', ChargePeriodStart), '%Y-%m') AS month,
          BillingCurrency AS currency, sum(EffectiveCost)::VARCHAR AS cost
     FROM read_csv('${escaped}') GROUP BY ALL ORDER BY service, month`,
);
const rows = reader.getRowObjectsJson();
process.stdout.write(`${JSON.stringify({ groups: rows.length })}\n`);
connection.closeSync();
instance.closeSync();
