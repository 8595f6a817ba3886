import type { SqlDialect } from '../sql/sql-dialect.js';
import { duckDbTagValue } from './duckdb-tag-value.js';

/** A number as a HUGEINT count of 1e-16 (its DECIMAL(38,16) text without the point). */
const decimalUnits = (expression: string) =>
  `CAST(replace(CAST(CAST(${expression} AS DECIMAL(38,16)) AS VARCHAR), '.', '') AS HUGEINT)`;

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
  // DECIMAL division gives a DOUBLE: the ratio is an integer division of HUGEINT units of 1e-16
  // instead, once per share. The units are the DECIMAL(38,16) text without its point: x * 1e16
  // would overflow DECIMAL(38,16) from 1e6 up, and its cast to HUGEINT divides (slowly).
  // Applying the ratio is a DECIMAL product (DECIMAL(38,28): exact for metrics under 1e10, an
  // overflow error beyond) truncated by trunc: no HUGEINT division per metric, which cost
  // several microseconds a value (npm run bench:export).
  shareRatio: (part, whole) =>
    `(CAST(${decimalUnits(part)} * 1000000000000 // ${decimalUnits(whole)} AS DECIMAL(38,0)) * CAST(0.000000000001 AS DECIMAL(13,12)))`,
  applyShareRatio: (metric, ratio) => `trunc(CAST(${metric} AS DECIMAL(38,16)) * ${ratio}, 16)`,
};
