/**
 * What truly differs between the two SQL engines Tollgate stores in. Everything else is
 * shared SQL that both run as written: named `$name` parameters (PostgreSQL's driver rewrites
 * them to `$n`), `TEXT` and `NUMERIC(38,16)` casts, `INSERT ... ON CONFLICT ... DO UPDATE`,
 * `RETURNING`, `nextval('seq')`. A store written over `SqlDatabase` takes the dialect of the
 * engine it runs on and never imports an engine's own code.
 */
export interface SqlDialect {
  /** Which engine this is, for the few statements a store must phrase per engine. */
  readonly engine: 'duckdb' | 'postgres';
  /** Named parameter placeholder (`$name` on both; PostgreSQL's driver rewrites to `$n`). */
  param(name: string): string;
  /** The value of one tag of a line, given a parameter that holds the tag key. */
  tagValue(tagsColumn: string, keyParam: string): string;
  /** The value of one tag of a line, given the key as a literal name (letters, digits, `_`, `-`). */
  tagLiteral(tagsColumn: string, key: string): string;
  /** Day, ISO week start (Monday) and month labels of a timestamp, as text. */
  dayLabel(column: string): string;
  weekLabel(column: string): string;
  monthLabel(column: string): string;
  /** A parameter holding a date (YYYY-MM-DD) as a timestamp. */
  dateParam(name: string): string;
  /** Text of an exact decimal sum, at the stored scale (16 places) on both engines. */
  moneyText(expression: string): string;
  /** A timestamp as 'YYYY-MM-DD HH:MM:SS' text. */
  timestampText(column: string): string;
  /** A TIMESTAMP column read back as ISO-8601 UTC with milliseconds, aliased. */
  isoColumn(column: string, alias?: string): string;
  /** A TIMESTAMP column read back as ISO-8601 UTC to the second, aliased. */
  isoSecondColumn(column: string, alias?: string): string;
  /** A DATE column read back as YYYY-MM-DD, aliased. */
  dateColumn(column: string, alias?: string): string;
  /** A decimal column read back as exact text, aliased. */
  moneyColumn(column: string, alias?: string): string;
  /** The current time as a UTC TIMESTAMP (both engines store naive UTC timestamps). */
  readonly nowUtc: string;
  /**
   * A FROM item: the objects of a parameter holding a JSON array, as rows of these (name, SQL
   * type) columns (lower-case keys), under `alias` (default `r`). Lets one statement insert or
   * match a whole batch.
   */
  jsonRows(param: string, columns: readonly (readonly [string, string])[], alias?: string): string;
  /** `table` with `column` replaced by `expression` (SELECT * REPLACE), or null where the engine has none (PostgreSQL). */
  replaceColumn(table: string, column: string, expression: string): string | null;
  /**
   * The ratio `part / whole` truncated toward zero to 12 decimals, exactly and the same on both
   * engines (integer division): worked out once per share, then applied to each metric.
   */
  shareRatio(part: string, whole: string): string;
  /**
   * `metric` times a `shareRatio`, truncated toward zero to 16 decimals (the stored scale), the
   * same on both engines. A caller gives the remainder to one share to keep the sum exact.
   */
  applyShareRatio(metric: string, ratio: string): string;
}
