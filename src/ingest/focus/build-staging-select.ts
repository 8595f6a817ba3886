import { quoteIdentifier, quoteLiteral } from '../../adapters/sql/sql-text.js';
import {
  ALL_FOCUS_COLUMN_NAMES,
  FOCUS_COLUMN_BY_NAME,
  type FocusVersion,
  NEWER_FOCUS_COLUMN_NAMES,
  readsLowerCaseNull,
  toStorageName,
} from '../../core/focus/focus-schema.js';
import { buildRowChecks, type RowCheck, typedValueSql } from './focus-row-checks.js';
import { storedColumnSource } from './provider-across-versions.js';

/** The cost_lines column a FOCUS column is stored in. */
export function storageColumnOf(focusName: string): string {
  return focusName === 'Tags' ? 'tags' : toStorageName(focusName);
}

/**
 * Provider columns outside FOCUS are kept as x_ extras: `Id` is stored as `x_Id`, `x_Foo` as is.
 * The columns FOCUS 1.3 and 1.4 added keep their FOCUS names (HostProviderName, ContractApplied).
 */
export function extraColumnKey(column: string): string {
  return column.startsWith('x_') || NEWER_FOCUS_COLUMN_NAMES.includes(column) ? column : `x_${column}`;
}

/** A column's raw text; a lower-case `null` is null where readsLowerCaseNull says so. */
function rawColumnSql(name: string, version: FocusVersion): string {
  const column = quoteIdentifier(name);
  return readsLowerCaseNull(version, name) ? `NULLIF(${column}, 'null')` : column;
}

/** Checks per flag word: a BIGINT holds 63 of them without touching the sign bit. */
const CHECKS_PER_WORD = 63;

/**
 * Column names of the staging table, and SQL reading a check's flag and bad value from it.
 * The row checks' results are packed: one BIGINT word per 63 checks (bit i of word w is check
 * 63w+i), and the raw values fatal checks quote are one list kept only on rejected rows. One
 * boolean and one text column per check made a staging row of about 180 columns, 2.8 KB in
 * memory: DuckDB's parallel CREATE TABLE AS buffers a row group (122,880 rows) per thread, so
 * a 45,000-row file already ran out of the default 384 MB (see bench/ingest-bench.ts).
 */
export const staged = {
  value: (storage: string) => `c_${storage}`,
  flagWord: (word: number) => `m_${word}`,
  /** SQL true where the row broke check `index`. */
  flag: (index: number) =>
    `(((m_${Math.floor(index / CHECKS_PER_WORD)} >> ${index % CHECKS_PER_WORD}) & 1) = 1)`,
  /** SQL for the raw text of the value a fatal check `index` quotes (NULL on accepted rows). */
  badValue: (index: number) => `bad_values[${index + 1}]`,
  badValues: 'bad_values',
  extras: 'c_extras',
  rejected: 'rejected',
};

/** The staging SELECT's expressions packing the flags `f_<i>` into words of bits. */
function flagWordsSql(checkCount: number): string[] {
  const words: string[] = [];
  for (let word = 0; word * CHECKS_PER_WORD < checkCount; word++) {
    const bits: string[] = [];
    for (let bit = 0; bit < CHECKS_PER_WORD && word * CHECKS_PER_WORD + bit < checkCount; bit++)
      bits.push(
        `CASE WHEN f_${word * CHECKS_PER_WORD + bit} THEN CAST(${2n ** BigInt(bit)} AS BIGINT) ELSE 0 END`,
      );
    words.push(`CAST(${bits.join(' + ')} AS BIGINT) AS ${staged.flagWord(word)}`);
  }
  return words;
}

/**
 * The single-pass staging SELECT over a file source.
 * 1. Name each header column r0..rN (a provider column may be called anything).
 * 2. Compute each FOCUS column's typed value once (c_<storage column>).
 * 3. Evaluate every row check as a non-null boolean (f_<i>), and mark the row rejected.
 * 4. Keep the flags packed in words of bits (m_<w>), and the raw text of the values that
 *    fatal checks failed on as one list, only on rejected rows (see `staged`).
 */
export function buildStagingSelect(
  source: string,
  header: readonly string[],
  version: FocusVersion,
): { sql: string; checks: RowCheck[] } {
  const rawOf = new Map(header.map((name, index) => [name, `r${index}`]));
  const raw = header.map((name, index) => `${rawColumnSql(name, version)} AS r${index}`);

  const typed: string[] = [];
  for (const name of ALL_FOCUS_COLUMN_NAMES) {
    const column = staged.value(storageColumnOf(name));
    const rawColumn = storedColumnSource(name, version, rawOf);
    typed.push(
      rawColumn
        ? `${typedValueSql(version, FOCUS_COLUMN_BY_NAME.get(name)!, rawColumn)} AS ${column}`
        : `NULL AS ${column}`,
    );
  }
  const focusNames = new Set(ALL_FOCUS_COLUMN_NAMES);
  const extras = header.filter((name) => !focusNames.has(name));
  typed.push(
    extras.length === 0
      ? `NULL AS ${staged.extras}`
      : `CAST(json_object(${extras.map((name) => `${quoteLiteral(extraColumnKey(name))}, ${rawOf.get(name)}`).join(', ')}) AS VARCHAR) AS ${staged.extras}`,
  );

  const checks = buildRowChecks(version, header, {
    raw: (name) => rawOf.get(name)!,
    typed: (name) => staged.value(storageColumnOf(name)),
  });
  const flags = checks.map((check, index) => `COALESCE((${check.condition}), false) AS f_${index}`);
  const fatal = checks.flatMap((check, index) => (check.severity === 'fatal' ? [index] : []));
  const badValues = checks.map((check, index) =>
    check.severity === 'fatal'
      ? `CASE WHEN f_${index} THEN CAST(${rawOf.get(check.column)} AS VARCHAR) END`
      : 'CAST(NULL AS VARCHAR)',
  );
  const rejected = fatal.length > 0 ? fatal.map((index) => `f_${index}`).join(' OR ') : 'false';

  const withRaw = `SELECT ${raw.join(', ')} FROM ${source}`;
  const withTyped = `SELECT *, ${typed.join(', ')} FROM (${withRaw}) raw_rows`;
  const withFlags = `SELECT *, ${flags.length > 0 ? flags.join(', ') : 'true AS no_checks'}, (${rejected}) AS is_rejected FROM (${withTyped}) typed_rows`;
  const outputColumns = [
    ...ALL_FOCUS_COLUMN_NAMES.map((name) => staged.value(storageColumnOf(name))),
    staged.extras,
    ...flagWordsSql(checks.length),
    checks.length > 0
      ? `CASE WHEN is_rejected THEN [${badValues.join(', ')}] END AS ${staged.badValues}`
      : `CAST(NULL AS VARCHAR[]) AS ${staged.badValues}`,
    `is_rejected AS ${staged.rejected}`,
  ];
  const sql = `SELECT ${outputColumns.join(', ')} FROM (${withFlags}) checked_rows`;
  return { sql, checks };
}

/** The canonical lines of a staging table, with exactly the cost_lines columns, rejected rows left out. */
export function buildLinesSelect(
  table: string,
  rowNumber: string,
  loadId: number,
  sourceFile: string,
): string {
  const columns = [
    `CAST(${loadId} AS BIGINT) AS load_id`,
    `${quoteLiteral(sourceFile)} AS source_file`,
    `CAST(${rowNumber} AS BIGINT) AS source_row`,
    ...ALL_FOCUS_COLUMN_NAMES.map(
      (name) => `${staged.value(storageColumnOf(name))} AS ${storageColumnOf(name)}`,
    ),
    `${staged.extras} AS extras`,
  ];
  return `SELECT ${columns.join(', ')} FROM ${table} WHERE NOT ${staged.rejected}`;
}
