import { quoteIdentifier, quoteLiteral } from '../../adapters/sql/sql-text.js';
import { TollgateError } from '../../core/errors.js';
import type { FocusVersion } from '../../core/focus/focus-schema.js';
import type { SqlEngine } from '../../ports/sql-engine.js';
import type { BillingFile } from '../discover-billing-files.js';
import { checkFileText } from '../file-checks/check-file-text.js';
import { checkHeaderNames } from '../file-checks/check-header-names.js';
import { describeJsonFile } from '../formats/describe-json-file.js';
import { detectBillingFormat } from '../formats/detect-billing-format.js';
import { buildMappedSource, type ProviderFormat } from '../formats/provider-format.js';
import { foreignDelimiter, parseHeaderFields, readHeaderLine } from '../read-header-line.js';
import { buildStagingSelect } from './build-staging-select.js';
import { checkFileShape } from './check-file-shape.js';
import type { RowCheck } from './focus-row-checks.js';

export interface StagedFile {
  table: string;
  /** The file's header: its column names as given. */
  columns: string[];
  version: FocusVersion;
  /** `focus`, or the provider format it was converted from (aws-cur, ...). */
  sourceFormat: string;
  checks: RowCheck[];
  rowCount: number;
  /** SQL for a row's 1-based data row number in the file (the header is row 0). */
  rowNumber: string;
  /** Lines DuckDB could not parse, kept only with --on-error skip-row. */
  unparsedLines: { line: number; error: string }[];
}

/** DuckDB reads CSV lines up to this size; a longer line (a 10 MB field) is rejected with a clear message. */
export const MAX_LINE_BYTES = 2_097_152;

/**
 * Reads one billing file into a temporary staging table in a single pass (the file is parsed
 * once, the way DuckDB's own loader does):
 * `planned` is how the load's plan reads this file (planUnitFormats), when its other files matter.
 * 1. Read the header first (CSV: by Tollgate; Parquet: from its schema) and check the shape —
 *    FOCUS version, mandatory columns — before touching the rows.
 * 2. One CREATE TABLE AS SELECT parses every row, computes each column's typed value once,
 *    evaluates every row check as a boolean column, keeps the raw text of a value only where a
 *    fatal check failed (so errors can quote it), and marks the row rejected or not.
 * Row ids of a table written inside a transaction start at a large base, so the data row
 * number is the offset from the first row id.
 */
export async function stageBillingFile(
  engine: SqlEngine,
  file: BillingFile,
  table: string,
  skipBadLines: boolean,
  onErrorLabel = 'onError',
  planned?: ProviderFormat,
): Promise<StagedFile> {
  const parquet = file.format === 'parquet' ? await describeParquet(engine, file.path) : undefined;
  const json = file.format === 'json' ? await describeJsonFile(engine, file.path) : undefined;
  const header = parquet
    ? parquet.map((column) => column.column_name)
    : (json?.header ?? (await readCsvHeader(file)));
  checkHeaderNames(file.path, header);
  // A format planned from the load's other files (Azure actual + amortised) overrides the header's.
  const detected = planned
    ? ({ kind: 'provider', format: planned } as const)
    : detectBillingFormat(file.path, header);
  const fileSource = parquet
    ? parquetSource(file.path, parquet)
    : (json?.source ?? csvSource(file, header, skipBadLines));
  let staging: ReturnType<typeof buildStagingSelect>;
  let version: FocusVersion;
  if (detected.kind === 'focus') {
    version = checkFileShape(file.path, header);
    staging = buildStagingSelect(fileSource, header, version);
  } else {
    // A provider format: its columns become FOCUS columns in one SELECT, checked as FOCUS is;
    // a broken value is named by the FOCUS column and the provider column it came from.
    const mapping = detected.format.mapping(header);
    const mapped = buildMappedSource(fileSource, header, mapping);
    version = detected.format.focusVersion;
    staging = buildStagingSelect(mapped.sql, mapped.header, version);
    for (const check of staging.checks) {
      const from = mapping.sources[check.column];
      if (from) check.column = `${check.column} (from ${from})`;
    }
  }
  if (skipBadLines) await dropRejectTables(engine);
  try {
    await engine.run(`CREATE TEMP TABLE ${table} AS ${staging.sql}`);
  } catch (error) {
    throw translateReadError(file, error, onErrorLabel);
  }
  const counted = await engine.all<{ n: string; first: string | null }>(
    `SELECT count(*)::VARCHAR AS n, min(rowid)::VARCHAR AS first FROM ${table}`,
  );
  const firstRowId = BigInt(counted[0]!.first ?? '0');
  const unparsedLines = skipBadLines && !parquet && !json ? await readRejects(engine) : [];
  if (skipBadLines) await dropRejectTables(engine);
  const rowCount = Number(counted[0]!.n);
  if (rowCount === 0 && unparsedLines.length === 0) {
    throw new TollgateError(
      'INGEST_NO_ROWS',
      `${file.path}: the file has a header but no rows. If the billing period had no charges there is nothing to load; otherwise re-export it. Nothing was loaded.`,
    );
  }
  return {
    table,
    columns: header,
    version,
    sourceFormat: detected.kind === 'focus' ? 'focus' : detected.format.name,
    checks: staging.checks,
    rowCount,
    rowNumber: `(rowid - ${firstRowId} + 1)`,
    unparsedLines,
  };
}

/**
 * Reads and checks the header line ourselves: DuckDB's dialect sniffer would sample the whole
 * file and blame a truncated last row on the dialect; with the columns given it reports the
 * exact line instead.
 */
export async function readCsvHeader(file: BillingFile): Promise<string[]> {
  await checkFileText(file);
  const line = await readHeaderLine(file);
  const delimiter = foreignDelimiter(line);
  if (delimiter) {
    throw new TollgateError(
      'INGEST_WRONG_DELIMITER',
      `${file.path}: the header is separated by ${JSON.stringify(delimiter)}, not commas: FOCUS CSV files are comma-separated. ` +
        'Re-export the file as comma-separated CSV. Nothing was loaded.',
    );
  }
  const names = parseHeaderFields(line);
  if (names.length === 0 || (names.length === 1 && names[0] === '')) {
    throw new TollgateError(
      'INGEST_EMPTY_FILE',
      `${file.path}: the file is empty. Re-export it. Nothing was loaded.`,
    );
  }
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw new TollgateError(
      'INGEST_DUPLICATE_COLUMNS',
      `${file.path}: the header names the column ${JSON.stringify(duplicate)} twice. Re-export the file. Nothing was loaded.`,
    );
  }
  return names;
}

export function csvSource(file: BillingFile, header: string[], skipBadLines: boolean): string {
  const columns = header.map((name) => `${quoteLiteral(name)}: 'VARCHAR'`).join(', ');
  const options = [
    'header = true',
    'auto_detect = false',
    `columns = {${columns}}`,
    "delim = ','",
    `quote = '"'`,
    `escape = '"'`,
    "nullstr = ['NULL', '']",
    `max_line_size = ${MAX_LINE_BYTES}`,
    `compression = '${file.format === 'csv.gz' ? 'gzip' : 'none'}'`,
  ];
  if (skipBadLines)
    options.push(
      'store_rejects = true',
      "rejects_table = 'tollgate_csv_rejects'",
      "rejects_scan = 'tollgate_csv_scans'",
    );
  return `read_csv(${quoteLiteral(file.path)}, ${options.join(', ')})`;
}

interface ParquetColumn {
  column_name: string;
  column_type: string;
}

export async function describeParquet(engine: SqlEngine, path: string): Promise<ParquetColumn[]> {
  try {
    return await engine.all<ParquetColumn & Record<string, unknown>>(
      `DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(path)})`,
    );
  } catch (error) {
    throw translateReadError({ path, format: 'parquet', bytes: 0 }, error);
  }
}

export function parquetSource(path: string, described: ParquetColumn[]): string {
  const from = `read_parquet(${quoteLiteral(path)})`;
  // Maps and structs (Tags written by a Parquet exporter) become JSON text like a CSV's.
  const select = described.map(({ column_name, column_type }) => {
    const column = quoteIdentifier(column_name);
    const text = /^(MAP|STRUCT)/.test(column_type)
      ? `to_json(${column})::VARCHAR`
      : `CAST(${column} AS VARCHAR)`;
    return `${text} AS ${column}`;
  });
  return `(SELECT ${select.join(', ')} FROM ${from})`;
}

async function dropRejectTables(engine: SqlEngine): Promise<void> {
  await engine.run('DROP TABLE IF EXISTS tollgate_csv_rejects');
  await engine.run('DROP TABLE IF EXISTS tollgate_csv_scans');
}

async function readRejects(engine: SqlEngine): Promise<{ line: number; error: string }[]> {
  const rows = await engine.all<{ line: string; error_message: string }>(
    'SELECT line::VARCHAR AS line, error_message FROM tollgate_csv_rejects ORDER BY line',
  );
  return rows.map((row) => ({ line: Number(row.line), error: row.error_message.split('\n')[0]! }));
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/^(Invalid Input Error|IO Error|Conversion Error): /, '');
}

/** DuckDB's reader errors, rewritten to say what is wrong with the file and what to do. */
/** `onErrorLabel` is the caller's name for the on-error choice (the CLI's --on-error). */
export function translateReadError(
  file: BillingFile,
  error: unknown,
  onErrorLabel = 'onError',
): TollgateError {
  const message = error instanceof Error ? error.message : String(error);
  const line = /line[: ]+(\d+)/i.exec(message)?.[1];
  const where = line ? ` at line ${line}` : '';
  if (/maximum line size|Maximum line size/i.test(message)) {
    return new TollgateError(
      'INGEST_LINE_TOO_LONG',
      `${file.path}: a line${where} is longer than ${MAX_LINE_BYTES / 1_048_576} MB, which no billing export needs; ` +
        'the file is damaged or not a billing export. Check that line, or re-export the file. Nothing was loaded.',
    );
  }
  if (/unicode|utf-?8|byte sequence/i.test(message)) {
    return new TollgateError(
      'INGEST_BAD_ENCODING',
      `${file.path}: the file is not valid UTF-8${where}. Re-export it as UTF-8 (or convert it, e.g. iconv -f latin1 -t utf-8). Nothing was loaded.`,
    );
  }
  if (/Out of Memory Error/i.test(message)) {
    return new TollgateError(
      'INGEST_OUT_OF_MEMORY',
      `${file.path}: loading it needed more memory than the database may use (${firstLine(message)}). ` +
        'Raise the limit with TOLLGATE_MEMORY_LIMIT (for example TOLLGATE_MEMORY_LIMIT=1GB; the default is 384MB) and load it again. Nothing was loaded.',
      'unavailable',
    );
  }
  if (/gzip|decompress|zlib|inflate/i.test(message)) {
    return new TollgateError(
      'INGEST_BAD_GZIP',
      `${file.path}: the gzip data is damaged or cut short (${firstLine(message)}). Re-download the export. Nothing was loaded.`,
    );
  }
  if (/parquet|magic bytes|footer/i.test(message) && file.format === 'parquet') {
    return new TollgateError(
      'INGEST_BAD_PARQUET',
      `${file.path}: not a readable Parquet file (${firstLine(message)}). Re-download the export. Nothing was loaded.`,
    );
  }
  if (
    /unterminated quote|quoted value|Expected Number of Columns|too many columns|columns but|CSV Error/i.test(
      message,
    )
  ) {
    return new TollgateError(
      'INGEST_MALFORMED_CSV',
      `${file.path}: the CSV is malformed${where}: ${firstLine(message)}. The file may be truncated or hand-edited; ` +
        `re-export it, or run with ${onErrorLabel} skip-row to load the readable rows and report the rest. Nothing was loaded.`,
    );
  }
  return new TollgateError(
    'INGEST_UNREADABLE_FILE',
    `${file.path}: cannot be read as ${file.format === 'parquet' ? 'Parquet' : 'CSV'} (${firstLine(message)}). Nothing was loaded.`,
  );
}
