export { optional, trimMoney } from '../sql/sql-columns.js';

/** A TIMESTAMP column read back as an ISO-8601 UTC string (the session runs in UTC). */
export function isoColumn(column: string, alias = column): string {
  return `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ') AS ${alias}`;
}

/** A DATE column read back as YYYY-MM-DD. */
export function dateColumn(column: string, alias = column): string {
  return `strftime(${column}, '%Y-%m-%d') AS ${alias}`;
}

/** A DECIMAL column read back as exact text. */
export function moneyColumn(column: string, alias = column): string {
  return `${column}::VARCHAR AS ${alias}`;
}
