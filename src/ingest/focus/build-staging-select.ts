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

/** Column names of the staging table. */
export const staged = {
  value: (storage: string) => `c_${storage}`,
  flag: (index: number) => `f_${index}`,
  badValue: (index: number) => `v_${index}`,
  extras: 'c_extras',
  rejected: 'rejected',
};

/**
 * The single-pass staging SELECT over a file source.
 * 1. Name each header column r0..rN (a provider column may be called anything).
 * 2. Compute each FOCUS column's typed value once (c_<storage column>).
 * 3. Evaluate every row check as a non-null boolean (f_<i>).
 * 4. Keep the raw text of a value where a fatal check failed (v_<i>) and mark the row rejected.
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
  const flags = checks.map(
    (check, index) => `COALESCE((${check.condition}), false) AS ${staged.flag(index)}`,
  );
  const fatal = checks.flatMap((check, index) => (check.severity === 'fatal' ? [index] : []));
  const badValues = fatal.map(
    (index) =>
      `CASE WHEN ${staged.flag(index)} THEN CAST(${rawOf.get(checks[index]!.column)} AS VARCHAR) END AS ${staged.badValue(index)}`,
  );
  const rejected = fatal.length > 0 ? fatal.map((index) => staged.flag(index)).join(' OR ') : 'false';

  const withRaw = `SELECT ${raw.join(', ')} FROM ${source}`;
  const withTyped = `SELECT *, ${typed.join(', ')} FROM (${withRaw}) raw_rows`;
  const withFlags = `SELECT *, ${flags.length > 0 ? flags.join(', ') : 'true AS no_checks'} FROM (${withTyped}) typed_rows`;
  const outputColumns = [
    ...ALL_FOCUS_COLUMN_NAMES.map((name) => staged.value(storageColumnOf(name))),
    staged.extras,
    ...checks.map((_, index) => staged.flag(index)),
  ];
  const sql = `SELECT ${[...outputColumns, ...badValues, `(${rejected}) AS ${staged.rejected}`].join(', ')} FROM (${withFlags}) checked_rows`;
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
