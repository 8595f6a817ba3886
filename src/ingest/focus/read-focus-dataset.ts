import { quoteIdentifier, quoteLiteral } from '../../adapters/sql/sql-text.js';
import { knownCurrencyCodes } from '../../core/currency-codes.js';
import { TollgateError } from '../../core/errors.js';
import type { FocusDatasetShape } from '../../core/focus/focus-datasets.js';
import type { FocusDatasetRecord } from '../../ports/focus-dataset-store.js';
import type { SqlEngine } from '../../ports/sql-engine.js';
import type { BillingFile } from '../discover-billing-files.js';
import { parseDecimalSql, parseTimestampSql } from './focus-row-checks.js';
import { csvSource, describeParquet, parquetSource, translateReadError } from './stage-billing-file.js';

const STAGE = 'tollgate_dataset_stage';

interface Check {
  column: string;
  condition: string;
  problem: string;
}

/**
 * Reads one file of a FOCUS dataset that is not cost lines into records.
 * 1. Refuse a header without the dataset's required columns.
 * 2. One CREATE TABLE AS SELECT parses every row (DuckDB over the file): raw text (a lower-case
 *    `null` is null, as the specification's examples write it), the key, the typed period,
 *    amount and currency, every column as a JSON object, and the first broken check's column.
 * 3. A broken row refuses the file, naming the file, row, column and value; so do two rows
 *    with the same key. Otherwise the rows are answered in file order.
 */
export async function readFocusDataset(
  engine: SqlEngine,
  file: BillingFile,
  header: readonly string[],
  shape: FocusDatasetShape,
): Promise<FocusDatasetRecord[]> {
  const missing = shape.required.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new TollgateError(
      'INGEST_MISSING_COLUMNS',
      `${file.path}: a FOCUS ${shape.title} file needs the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, missing from the header. ` +
        'Re-export the dataset with all its columns. Nothing was loaded.',
    );
  }
  const raw = new Map(header.map((name, index) => [name, `r${index}`]));
  const rawOf = (column: string | undefined) => (column && raw.has(column) ? raw.get(column)! : 'NULL');
  const checks: Check[] = [
    ...shape.required.map((column) => ({
      column,
      condition: `${rawOf(column)} IS NULL`,
      problem: `${column} is empty; every ${shape.title} record needs it`,
    })),
    ...[shape.periodStart, shape.periodEnd]
      .filter((column): column is string => column !== undefined && raw.has(column))
      .map((column) => ({
        column,
        condition: `${rawOf(column)} IS NOT NULL AND ${parseTimestampSql(rawOf(column))} IS NULL`,
        problem: 'is not a valid date/time (FOCUS uses ISO 8601, e.g. 2026-01-31T00:00:00Z)',
      })),
    ...(shape.amount && raw.has(shape.amount)
      ? [
          {
            column: shape.amount,
            condition: `${rawOf(shape.amount)} IS NOT NULL AND ${parseDecimalSql(rawOf(shape.amount))} IS NULL`,
            problem: 'is not a number',
          },
        ]
      : []),
    ...(shape.currency && raw.has(shape.currency)
      ? [
          {
            column: shape.currency,
            condition: `${rawOf(shape.currency)} NOT IN (${knownCurrencyCodes().map(quoteLiteral).join(', ')})`,
            problem: 'is not an ISO 4217 currency code (such as USD, EUR, GBP)',
          },
        ]
      : []),
  ];
  const keyColumns = shape.key.filter((column) => raw.has(column));
  const firstBroken = checks.length
    ? `CASE ${checks.map((check, index) => `WHEN COALESCE(${check.condition}, false) THEN ${index}`).join(' ')} END`
    : 'NULL';
  const columns = header.map(
    (name, index) => `NULLIF(CAST(${quoteIdentifier(name)} AS VARCHAR), 'null') AS r${index}`,
  );
  const parquet = file.format === 'parquet' ? await describeParquet(engine, file.path) : undefined;
  const source = parquet ? parquetSource(file.path, parquet) : csvSource(file, [...header], false);
  const select = `SELECT
      to_json([${keyColumns.map(rawOf).join(', ')}])::VARCHAR AS record_key,
      strftime(${parseTimestampSql(rawOf(shape.periodStart))}, '%Y-%m-%dT%H:%M:%SZ') AS period_start,
      strftime(${parseTimestampSql(rawOf(shape.periodEnd))}, '%Y-%m-%dT%H:%M:%SZ') AS period_end,
      CAST(${shape.amount ? parseDecimalSql(rawOf(shape.amount)) : 'NULL'} AS VARCHAR) AS amount,
      ${rawOf(shape.currency)} AS currency, ${rawOf(shape.label)} AS label,
      json_object(${header.map((name) => `${quoteLiteral(name)}, ${rawOf(name)}`).join(', ')})::VARCHAR AS attributes,
      ${firstBroken} AS broken
    FROM (SELECT ${columns.join(', ')} FROM ${source}) raw_rows`;
  try {
    await engine.run(`CREATE OR REPLACE TEMP TABLE ${STAGE} AS ${select}`);
  } catch (error) {
    throw translateReadError(file, error);
  }
  try {
    const rows = await engine.all<{
      row: string;
      record_key: string;
      period_start: string | null;
      period_end: string | null;
      amount: string | null;
      currency: string | null;
      label: string | null;
      attributes: string;
      broken: number | null;
    }>(
      `SELECT (rowid - min(rowid) OVER () + 1)::VARCHAR AS row, record_key, period_start, period_end, amount,
         currency, label, attributes, broken FROM ${STAGE} ORDER BY rowid`,
    );
    if (rows.length === 0) {
      throw new TollgateError(
        'INGEST_NO_ROWS',
        `${file.path}: the file has a header but no rows. Re-export it. Nothing was loaded.`,
      );
    }
    const bad = rows.find((row) => row.broken !== null);
    if (bad) {
      const check = checks[Number(bad.broken)]!;
      const value = (JSON.parse(bad.attributes) as Record<string, string | null>)[check.column] ?? null;
      throw new TollgateError(
        'INGEST_INVALID_ROWS',
        `${file.path}: row ${bad.row}, column ${check.column}: ${value === null ? check.problem : `${JSON.stringify(value)} ${check.problem}`}. ` +
          `${rows.filter((row) => row.broken !== null).length} row(s) of this ${shape.title} file are broken; fix the export and load it again. Nothing was loaded.`,
        'invalid-input',
        { file: file.path, row: Number(bad.row), column: check.column, value },
      );
    }
    const seen = new Map<string, string>();
    for (const row of rows) {
      const earlier = seen.get(row.record_key);
      if (earlier) {
        throw new TollgateError(
          'INGEST_DUPLICATE_RECORDS',
          `${file.path}: rows ${earlier} and ${row.row} are the same ${shape.title} record (${shape.key.join(', ')} ${row.record_key}). ` +
            'Each record may appear once in a file; re-export the dataset. Nothing was loaded.',
        );
      }
      seen.set(row.record_key, row.row);
    }
    return rows.map((row) => ({
      recordKey: row.record_key,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      amount: row.amount,
      currency: row.currency,
      label: row.label,
      attributes: JSON.parse(row.attributes) as Record<string, string | null>,
      sourceFile: file.path,
      sourceRow: Number(row.row),
    }));
  } finally {
    await engine.run(`DROP TABLE IF EXISTS ${STAGE}`);
  }
}
