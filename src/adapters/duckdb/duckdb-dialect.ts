import type { SqlDialect } from '../sql/sql-dialect.js';
import { duckDbTagValue } from './duckdb-tag-value.js';

/** DuckDB (embedded): tags are JSON text, labels come from strftime, the session runs in UTC. */
export const duckDbDialect: SqlDialect = {
  engine: 'duckdb',
  param: (name) => `$${name}`,
  tagValue: (tags, key) => duckDbTagValue(tags, key),
  tagLiteral: (tags, key) => `json_extract_string(${tags}, '$.${key}')`,
  dayLabel: (column) => `strftime(${column}, '%Y-%m-%d')`,
  weekLabel: (column) => `strftime(date_trunc('week', ${column}), '%Y-%m-%d')`,
  monthLabel: (column) => `strftime(${column}, '%Y-%m')`,
  dateParam: (name) => `CAST($${name} AS TIMESTAMP)`,
  moneyText: (expression) => `CAST(${expression} AS VARCHAR)`,
  timestampText: (column) => `strftime(${column}, '%Y-%m-%d %H:%M:%S')`,
  isoColumn: (column, alias = column) => `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ') AS ${alias}`,
  isoSecondColumn: (column, alias = column) => `strftime(${column}, '%Y-%m-%dT%H:%M:%SZ') AS ${alias}`,
  dateColumn: (column, alias = column) => `strftime(${column}, '%Y-%m-%d') AS ${alias}`,
  moneyColumn: (column, alias = column) => `${column}::VARCHAR AS ${alias}`,
  nowUtc: 'now()::TIMESTAMP',
  jsonRows: (param, columns, alias = 'r') =>
    `(SELECT unnest(from_json($${param}, '[${JSON.stringify(Object.fromEntries(columns))}]'), recursive := true)) AS ${alias}`,
  replaceColumn: (table, column, expression) =>
    `(SELECT * REPLACE (${expression} AS ${column}) FROM ${table})`,
  // DECIMAL(38,16) times DECIMAL(38,16) would need 32 decimals and division gives a DOUBLE:
  // the share is worked out in HUGEINT units of 1e-16 instead.
  exactShare: (metric, part, whole) =>
    `(CAST(CAST(${metric} * 10000000000000000 AS HUGEINT) * (CAST(${part} * 10000000000000000 AS HUGEINT) * 1000000000000 // CAST(${whole} * 10000000000000000 AS HUGEINT)) // 1000000000000 AS DECIMAL(38,0)) * CAST(0.0000000000000001 AS DECIMAL(38,16)))`,
};
