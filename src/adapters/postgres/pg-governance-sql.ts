/** Column helpers of the PostgreSQL finance and access stores not yet on the dialect (governance's use `SqlDialect`). */
export { optional, trimMoney } from '../sql/sql-columns.js';

/** A TIMESTAMP column read back as an ISO-8601 UTC string with milliseconds (the session runs in UTC). */
export function isoColumn(column: string, alias = column): string {
  return `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${alias}`;
}

/** A TIMESTAMP column read back as an ISO-8601 UTC string to the second. */
export function isoSecondColumn(column: string, alias = column): string {
  return `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS ${alias}`;
}

/** A DATE column read back as YYYY-MM-DD. */
export function dateColumn(column: string, alias = column): string {
  return `to_char(${column}, 'YYYY-MM-DD') AS ${alias}`;
}

/** A NUMERIC column read back as exact text. */
export function moneyColumn(column: string, alias = column): string {
  return `${column}::TEXT AS ${alias}`;
}
