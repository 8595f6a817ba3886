import type { SqlDialect } from '../sql/sql-dialect.js';

/**
 * PostgreSQL (server mode): tags are JSONB, labels come from to_char, sums are cast to the
 * stored scale before printing so a sum over no amounts (COALESCE(..., 0)) prints as DuckDB's
 * DECIMAL(38,16) does ('0.0000000000000000'), to the last digit.
 */
export const postgresDialect: SqlDialect = {
  engine: 'postgres',
  param: (name) => `$${name}`,
  tagValue: (tags, key) => `(${tags} ->> CAST(${key} AS TEXT))`,
  tagLiteral: (tags, key) => `(${tags} ->> '${key}')`,
  dayLabel: (column) => `to_char(${column}, 'YYYY-MM-DD')`,
  weekLabel: (column) => `to_char(date_trunc('week', ${column}), 'YYYY-MM-DD')`,
  monthLabel: (column) => `to_char(${column}, 'YYYY-MM')`,
  dateParam: (name) => `CAST($${name} AS TIMESTAMP)`,
  moneyText: (expression) => `CAST(CAST(${expression} AS NUMERIC(38,16)) AS TEXT)`,
  timestampText: (column) => `to_char(${column}, 'YYYY-MM-DD HH24:MI:SS')`,
  isoColumn: (column, alias = column) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${alias}`,
  isoSecondColumn: (column, alias = column) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS ${alias}`,
  dateColumn: (column, alias = column) => `to_char(${column}, 'YYYY-MM-DD') AS ${alias}`,
  moneyColumn: (column, alias = column) => `${column}::TEXT AS ${alias}`,
  nowUtc: "(now() AT TIME ZONE 'UTC')",
  jsonRows: (param, columns, alias = 'r') =>
    `jsonb_to_recordset(CAST($${param} AS JSONB)) AS ${alias}(${columns.map(([name, type]) => `${name} ${type}`).join(', ')})`,
  replaceColumn: () => null,
  shareRatio: (part, whole) => `(div(${part} * 1000000000000, ${whole}) * 0.000000000001)`,
  applyShareRatio: (metric, ratio) => `CAST(trunc(${metric} * ${ratio}, 16) AS NUMERIC(38,16))`,
};
