/** What differs between the SQL engines Tollgate stores facts in; everything else is shared SQL. */
export interface SqlDialect {
  /** Named parameter placeholder (DuckDB `$name`; PostgreSQL adapters rewrite to `$n`). */
  param(name: string): string;
  /** The value of one tag of a line, given a parameter that holds the tag key. */
  tagValue(tagsColumn: string, keyParam: string): string;
  /** Day, ISO week start (Monday) and month labels of a timestamp, as text. */
  dayLabel(column: string): string;
  weekLabel(column: string): string;
  monthLabel(column: string): string;
  /** A parameter holding a date (YYYY-MM-DD) as a timestamp. */
  dateParam(name: string): string;
  /** Text of an exact decimal sum. */
  moneyText(expression: string): string;
  /** A timestamp as 'YYYY-MM-DD HH:MM:SS' text. */
  timestampText(column: string): string;
}

export const duckDbDialect: SqlDialect = {
  param: (name) => `$${name}`,
  tagValue: (tags, key) => `json_extract_string(${tags}, '$."' || replace(${key}, '"', '\\"') || '"')`,
  dayLabel: (column) => `strftime(${column}, '%Y-%m-%d')`,
  weekLabel: (column) => `strftime(date_trunc('week', ${column}), '%Y-%m-%d')`,
  monthLabel: (column) => `strftime(${column}, '%Y-%m')`,
  dateParam: (name) => `CAST($${name} AS TIMESTAMP)`,
  moneyText: (expression) => `CAST(${expression} AS VARCHAR)`,
  timestampText: (column) => `strftime(${column}, '%Y-%m-%d %H:%M:%S')`,
};

/**
 * PostgreSQL (server mode): tags are JSONB, labels come from to_char, sums are cast to the
 * stored scale before printing so a sum over no amounts (COALESCE(..., 0)) prints as DuckDB's
 * DECIMAL(38,16) does ('0.0000000000000000'), to the last digit.
 */
export const postgresDialect: SqlDialect = {
  param: (name) => `$${name}`,
  tagValue: (tags, key) => `(${tags} ->> CAST(${key} AS TEXT))`,
  dayLabel: (column) => `to_char(${column}, 'YYYY-MM-DD')`,
  weekLabel: (column) => `to_char(date_trunc('week', ${column}), 'YYYY-MM-DD')`,
  monthLabel: (column) => `to_char(${column}, 'YYYY-MM')`,
  dateParam: (name) => `CAST($${name} AS TIMESTAMP)`,
  moneyText: (expression) => `CAST(CAST(${expression} AS NUMERIC(38,16)) AS TEXT)`,
  timestampText: (column) => `to_char(${column}, 'YYYY-MM-DD HH24:MI:SS')`,
};
