import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FocusColumn } from '../../src/demo/focus-csv-row.js';
import { parseCsv } from '../support/csv-text.js';

/**
 * Reads the demo's CSV files for tests, independently of Tollgate's ingest: the tests' own
 * RFC 4180 parser, and decimal text turned into BigInt at a fixed scale by string handling alone.
 */
/** A row by FOCUS column name; an empty cell is ''. */
export type CsvRecord = Record<FocusColumn, string>;

export function readCsvRecords(path: string): { header: string[]; records: CsvRecord[] } {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  return {
    header: header!,
    records: rows.map(
      (cells) => Object.fromEntries(header!.map((name, index) => [name, cells[index] ?? ''])) as CsvRecord,
    ),
  };
}

export function listCsvFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.csv'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

export const SCALE = 16;

/** Decimal text ("-12.5", "0", "3.0000000001") as a BigInt count of 10^-16. */
export function toScaled(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`not a plain decimal: ${JSON.stringify(text)}`);
  const fraction = (match[3] ?? '').padEnd(SCALE, '0');
  if (fraction.length > SCALE) throw new Error(`more than ${SCALE} decimals: ${text}`);
  const value = BigInt(match[2]! + fraction);
  return match[1] ? -value : value;
}

/** A BigInt count of 10^-16 as decimal text with 16 decimals, for comparing with Tollgate's sums. */
export function fromScaled(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(SCALE + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}`;
}
