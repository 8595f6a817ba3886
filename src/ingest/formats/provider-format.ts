import { quoteIdentifier } from '../../adapters/sql/sql-text.js';
import type { FocusVersion } from '../../core/focus/focus-schema.js';
import { parseDecimalSql } from '../focus/focus-row-checks.js';

/**
 * A provider's billing format, read as FOCUS: detected from the header, and turned into FOCUS
 * columns by one SELECT over the file (DuckDB SQL, no row loop). The staging step then checks
 * and loads the result exactly as it loads a FOCUS file, so a converted file has every FOCUS
 * ingest guarantee (one transaction, replacement by provider + account + period, exact
 * decimals, a bad row named by file, row, column and value).
 */
export interface ProviderFormat {
  /** Short name, as loads record it: aws-cur, azure-ea, ... */
  name: string;
  /** As a person names it. */
  title: string;
  /** The FOCUS version the mapping produces. */
  focusVersion: FocusVersion;
  /** The columns that mark a header as this format (all must be there). */
  signature(header: readonly string[]): { matches: boolean; missing: string[] };
  /** The FOCUS columns of one row, as SQL over the provider's columns (text values). */
  mapping(header: readonly string[]): FocusMapping;
}

export interface FocusMapping {
  /** FOCUS column -> SQL expression (VARCHAR) over the provider's quoted columns. */
  columns: Record<string, string>;
  /** FOCUS column -> the provider column(s) it comes from, for messages. */
  sources: Record<string, string>;
  /** Provider columns the mapping used; the others are kept as x_ extras. */
  used: ReadonlySet<string>;
  /**
   * SQL a row must meet to be read (over the provider's columns), or null for every row: a
   * file whose other rows another file of the same load carries (Azure's actual and amortised
   * exports). Row numbers in messages then count the rows read.
   */
  rows: string | null;
  /**
   * SQL that makes one row per charge, for a provider whose one row holds several (Google's
   * credits), given the file's rows; null when a row is one charge. Row numbers in messages
   * then count the expanded rows.
   */
  expand: ((rows: string) => string) | null;
}

/** A provider column as SQL text, or NULL when the header does not have it. */
export function columnOrNull(header: readonly string[], name: string | undefined): string {
  return name !== undefined && header.includes(name) ? quoteIdentifier(name) : 'CAST(NULL AS VARCHAR)';
}

/** Exact decimal of a provider column's text (NULL when absent or empty). */
export function decimalOf(column: string): string {
  return parseDecimalSql(column);
}

/** A DECIMAL(38,16) expression written back as plain decimal text, for the staging step to parse. */
export function decimalText(expression: string): string {
  return `CAST(${expression} AS VARCHAR)`;
}

/**
 * The SELECT that gives a provider file FOCUS columns: every mapped FOCUS column under its
 * FOCUS name, then every provider column the mapping did not use, as an `x_` extra.
 */
export function buildMappedSource(
  source: string,
  header: readonly string[],
  mapping: FocusMapping,
): { sql: string; header: string[] } {
  const focus = Object.entries(mapping.columns);
  const extras = header.filter((name) => !mapping.used.has(name));
  const extraName = (name: string) => (name.startsWith('x_') ? name : `x_${name}`);
  const select = [
    ...focus.map(([name, sql]) => `${sql} AS ${quoteIdentifier(name)}`),
    ...extras.map((name) => `${quoteIdentifier(name)} AS ${quoteIdentifier(extraName(name))}`),
  ];
  return {
    sql: `(SELECT ${select.join(', ')} FROM ${mapping.expand ? mapping.expand(source) : source} provider_rows${mapping.rows ? ` WHERE ${mapping.rows}` : ''})`,
    header: [...focus.map(([name]) => name), ...extras.map(extraName)],
  };
}
