import { quoteIdentifier, quoteLiteral } from '../../adapters/sql/sql-text.js';
import {
  ALL_FOCUS_COLUMN_NAMES,
  allowedValues,
  FOCUS_COLUMN_BY_NAME,
  type FocusVersion,
  toStorageName,
} from '../../core/focus/focus-schema.js';
import { normaliseEnumSql, parseDecimalSql, parseTimestampSql } from './focus-row-checks.js';

export interface NormaliseInput {
  stagedTable: string;
  /** SQL for the data row number (see StagedFile.rowNumber). */
  rowNumber: string;
  header: readonly string[];
  version: FocusVersion;
  loadId: number;
  sourceFile: string;
  /** SQL condition of the rows to leave out (rejected by a fatal check), or null. */
  rejectCondition: string | null;
}

/** Provider columns outside FOCUS are kept as x_ extras: `Id` is stored as `x_Id`, `x_Foo` as is. */
export function extraColumnKey(column: string): string {
  return column.startsWith('x_') ? column : `x_${column}`;
}

/**
 * The SELECT that turns staged text rows into canonical cost lines with the cost_lines
 * columns: typed values, enum spellings normalised, absent columns NULL, extras as JSON.
 */
export function buildNormaliseSelect(input: NormaliseInput): string {
  const present = new Set(input.header);
  const select: string[] = [
    `CAST(${input.loadId} AS BIGINT) AS load_id`,
    `${quoteLiteral(input.sourceFile)} AS source_file`,
    `CAST(${input.rowNumber} AS BIGINT) AS source_row`,
  ];
  for (const name of ALL_FOCUS_COLUMN_NAMES) {
    const storage = name === 'Tags' ? 'tags' : toStorageName(name);
    if (!present.has(name)) {
      select.push(`NULL AS ${storage}`);
      continue;
    }
    const column = quoteIdentifier(name);
    const record = FOCUS_COLUMN_BY_NAME.get(name)!;
    const allowed = allowedValues(input.version, name);
    let expression = column;
    if (record.dataType === 'Decimal') expression = parseDecimalSql(column);
    else if (record.dataType === 'Date/Time') expression = parseTimestampSql(column);
    else if (allowed && allowed.length > 0) expression = normaliseEnumSql(column, allowed);
    select.push(`${expression} AS ${storage}`);
  }
  const focusNames = new Set(ALL_FOCUS_COLUMN_NAMES);
  const extras = input.header.filter((column) => !focusNames.has(column));
  select.push(
    extras.length === 0
      ? 'NULL AS extras'
      : `CAST(json_object(${extras.map((column) => `${quoteLiteral(extraColumnKey(column))}, ${quoteIdentifier(column)}`).join(', ')}) AS VARCHAR) AS extras`,
  );
  const where = input.rejectCondition ? `\nWHERE NOT (${input.rejectCondition})` : '';
  return `SELECT ${select.join(',\n  ')}\nFROM ${input.stagedTable}${where}`;
}
