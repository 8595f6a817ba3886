import { quoteLiteral } from '../../adapters/sql/sql-text.js';
import { TollgateError } from '../../core/errors.js';
import type { SqlEngine } from '../../ports/sql-engine.js';
import { staged as stagedColumns } from './build-staging-select.js';
import type { RowCheck } from './focus-row-checks.js';
import type { StagedFile } from './stage-billing-file.js';

export interface Violation {
  check: RowCheck;
  /** The check's index in StagedFile.checks, which names its flag column. */
  index: number;
  count: number;
  samples: { row: number; value: string | null }[];
}

export interface FileValidation {
  fatal: Violation[];
  warnings: Violation[];
  rejectedRows: number;
}

const SAMPLES_PER_CHECK = 3;

/**
 * Counts the rows that broke each check from the staged flag columns in one pass, then fetches
 * a few sample rows (with their raw values) for each fatal check that any row broke.
 */
export async function validateStagedFile(engine: SqlEngine, staged: StagedFile): Promise<FileValidation> {
  const counts = staged.checks.map(
    (_, index) => `count(*) FILTER (WHERE ${stagedColumns.flag(index)})::VARCHAR AS c${index}`,
  );
  counts.push(`count(*) FILTER (WHERE ${stagedColumns.rejected})::VARCHAR AS rejected`);
  const [row] = await engine.all<Record<string, string>>(`SELECT ${counts.join(', ')} FROM ${staged.table}`);

  const fatal: Violation[] = [];
  const warnings: Violation[] = [];
  for (const [index, check] of staged.checks.entries()) {
    const count = Number(row![`c${index}`]);
    if (count === 0) continue;
    const samples =
      check.severity === 'fatal'
        ? await engine.all<{ row: string; value: string | null }>(
            `SELECT ${staged.rowNumber}::VARCHAR AS row, ${stagedColumns.badValue(index)} AS value FROM ${staged.table}
             WHERE ${stagedColumns.flag(index)} ORDER BY rowid LIMIT ${SAMPLES_PER_CHECK}`,
          )
        : [];
    const violation = {
      check,
      index,
      count,
      samples: samples.map((sample) => ({ row: Number(sample.row), value: sample.value })),
    };
    (check.severity === 'fatal' ? fatal : warnings).push(violation);
  }
  return { fatal, warnings, rejectedRows: Number(row!.rejected) };
}

/** The error for a file whose rows break fatal checks: the first problem in full, then the counts. */
export function rowsRejectedError(
  path: string,
  violations: Violation[],
  onErrorLabel = 'onError',
): TollgateError {
  const first = violations.slice().sort((a, b) => a.samples[0]!.row - b.samples[0]!.row)[0]!;
  const sample = first.samples[0]!;
  const lines = violations.map(
    (violation) =>
      `  ${violation.check.column}: ${violation.count} row(s) ${violation.check.kind.replaceAll('_', ' ')} (first at row ${violation.samples[0]!.row})`,
  );
  // Out-of-range amounts have their own code: re-exporting in the right unit, not skipping, fixes them.
  return new TollgateError(
    first.check.kind === 'value_out_of_range' ? 'INGEST_VALUE_OUT_OF_RANGE' : 'INGEST_INVALID_ROWS',
    `${path}: row ${sample.row}, column ${first.check.column}: ${first.check.problem(sample.value)}.\n` +
      `${lines.join('\n')}\n` +
      `Fix the export (or re-export it), or run again with ${onErrorLabel} skip-row to load the good rows and write the rejected ones to a report. Nothing was loaded.`,
    'invalid-input',
    { file: path, row: sample.row, column: first.check.column, value: sample.value, kind: first.check.kind },
  );
}

/** SQL selecting one report row per (rejected row, broken check) of a staged file. */
export function rejectedRowsSql(staged: StagedFile, path: string, validation: FileValidation): string {
  return validation.fatal
    .map(
      (violation) =>
        `SELECT ${quoteLiteral(path)} AS file, ${staged.rowNumber} AS row, ${quoteLiteral(violation.check.column)} AS column_name,
           ${stagedColumns.badValue(violation.index)} AS value, ${quoteLiteral(violation.check.kind)} AS problem
         FROM ${staged.table} WHERE ${stagedColumns.flag(violation.index)}`,
    )
    .join('\nUNION ALL\n');
}
