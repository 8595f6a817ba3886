import { quoteIdentifier, quoteLiteral } from '../../adapters/sql/sql-text.js';
import { TollgateError } from '../../core/errors.js';
import {
  detectFocusVersion,
  type FocusVersion,
  focusColumns,
  missingMandatoryColumns,
} from '../../core/focus/focus-schema.js';
import type { SqlEngine } from '../../ports/sql-engine.js';
import { buildRowChecks, type RowCheck } from './focus-row-checks.js';
import type { StagedFile } from './stage-billing-file.js';

export interface Violation {
  check: RowCheck;
  count: number;
  samples: { row: number; value: string | null }[];
}

export interface FileValidation {
  version: FocusVersion;
  checks: RowCheck[];
  fatal: Violation[];
  warnings: Violation[];
  /** SQL condition true for rows that break a fatal check (null when none does). */
  rejectCondition: string | null;
  rejectedRows: number;
}

const SAMPLES_PER_CHECK = 3;

/** Structural problems reject the whole file: not FOCUS, mandatory columns missing, no rows. */
export function checkFileShape(path: string, staged: StagedFile): FocusVersion {
  const version = detectFocusVersion(staged.columns);
  if (!version) {
    const single = staged.columns.length === 1 ? staged.columns[0]! : '';
    const delimiter = [';', '\t', '|'].find((candidate) => single.includes(candidate));
    if (delimiter) {
      throw new TollgateError(
        'INGEST_WRONG_DELIMITER',
        `${path}: the header reads as one column, split by ${JSON.stringify(delimiter)}: FOCUS CSV files are comma-separated. ` +
          'Re-export the file as comma-separated CSV. Nothing was loaded.',
      );
    }
    throw new TollgateError(
      'INGEST_NOT_FOCUS',
      `${path}: this is not a FOCUS export (its columns ${describeColumns(staged.columns)} are not FOCUS columns such as BilledCost, ChargePeriodStart, ProviderName). ` +
        "Export billing data in FOCUS format (AWS Data Exports 'FOCUS', Azure cost export 'FOCUS', GCP/OCI FOCUS reports). Nothing was loaded.",
    );
  }
  const missing = missingMandatoryColumns(version, staged.columns);
  if (missing.length > 0) {
    const mostlyMissing =
      missing.length >
      focusColumns(version).filter((column) => column.featureLevel === 'Mandatory').length / 2;
    throw new TollgateError(
      'INGEST_MISSING_COLUMNS',
      `${path}: FOCUS ${version} requires the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, missing from the header` +
        `${mostlyMissing ? ' (most mandatory columns are missing: this may be an excerpt, or not a FOCUS export)' : ''}. ` +
        'Re-export with all mandatory FOCUS columns. Nothing was loaded.',
    );
  }
  if (staged.rowCount === 0 && staged.unparsedLines.length === 0) {
    throw new TollgateError(
      'INGEST_NO_ROWS',
      `${path}: the file has a header but no rows. If the billing period had no charges there is nothing to load; otherwise re-export it. Nothing was loaded.`,
    );
  }
  return version;
}

function describeColumns(columns: string[]): string {
  const shown = columns.slice(0, 4).map((column) => JSON.stringify(column.slice(0, 40)));
  return shown.join(', ') + (columns.length > 4 ? ', …' : '');
}

/**
 * Runs every row check in one pass over the staged table (one conditional count per check),
 * then fetches a few sample rows for each check that any row breaks.
 */
export async function validateStagedFile(
  engine: SqlEngine,
  staged: StagedFile,
  version: FocusVersion,
): Promise<FileValidation> {
  const checks = buildRowChecks(version, staged.columns);
  const guarded = checks.map((check) => `COALESCE((${check.condition}), false)`);
  const fatalConditions = guarded.filter((_, index) => checks[index]!.severity === 'fatal');
  const rejectCondition = fatalConditions.length > 0 ? fatalConditions.join(' OR ') : null;
  const counts = guarded.map(
    (condition, index) => `count(*) FILTER (WHERE ${condition})::VARCHAR AS c${index}`,
  );
  counts.push(`${rejectCondition ? `count(*) FILTER (WHERE ${rejectCondition})` : '0'}::VARCHAR AS rejected`);
  const [row] = await engine.all<Record<string, string>>(`SELECT ${counts.join(', ')} FROM ${staged.table}`);

  const fatal: Violation[] = [];
  const warnings: Violation[] = [];
  for (const [index, check] of checks.entries()) {
    const count = Number(row![`c${index}`]);
    if (count === 0) continue;
    const samples =
      check.severity === 'fatal'
        ? await engine.all<{ row: string; value: string | null }>(
            `SELECT ${staged.rowNumber}::VARCHAR AS row, ${quoteIdentifier(check.column)} AS value FROM ${staged.table}
             WHERE ${guarded[index]} ORDER BY rowid LIMIT ${SAMPLES_PER_CHECK}`,
          )
        : [];
    const violation = {
      check,
      count,
      samples: samples.map((sample) => ({ row: Number(sample.row), value: sample.value })),
    };
    (check.severity === 'fatal' ? fatal : warnings).push(violation);
  }
  return { version, checks, fatal, warnings, rejectCondition, rejectedRows: Number(row!.rejected) };
}

/** The error for a file whose rows break fatal checks: the first problem in full, then the counts. */
export function rowsRejectedError(path: string, violations: Violation[]): TollgateError {
  const first = violations.slice().sort((a, b) => a.samples[0]!.row - b.samples[0]!.row)[0]!;
  const sample = first.samples[0]!;
  const lines = violations.map(
    (violation) =>
      `  ${violation.check.column}: ${violation.count} row(s) ${violation.check.kind.replaceAll('_', ' ')} (first at row ${violation.samples[0]!.row})`,
  );
  return new TollgateError(
    'INGEST_INVALID_ROWS',
    `${path}: row ${sample.row}, column ${first.check.column}: ${first.check.problem(sample.value)}.\n` +
      `${lines.join('\n')}\n` +
      'Fix the export (or re-export it), or run again with --on-error skip-row to load the good rows and write the rejected ones to a report. Nothing was loaded.',
    'invalid-input',
    { file: path, row: sample.row, column: first.check.column, value: sample.value, kind: first.check.kind },
  );
}

/** SQL selecting one report row per (rejected row, broken check) of a staged file. */
export function rejectedRowsSql(staged: StagedFile, path: string, validation: FileValidation): string {
  const parts = validation.fatal.map(
    (violation) =>
      `SELECT ${quoteLiteral(path)} AS file, ${staged.rowNumber} AS row, ${quoteLiteral(violation.check.column)} AS column_name,
         CAST(${quoteIdentifier(violation.check.column)} AS VARCHAR) AS value, ${quoteLiteral(violation.check.kind)} AS problem
       FROM ${staged.table} WHERE COALESCE((${violation.check.condition}), false)`,
  );
  return parts.join('\nUNION ALL\n');
}
