import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from './csv-text.js';
import { SHARED_DATA } from './run-cli.js';

export const FOCUS_SAMPLE_PATH = join(SHARED_DATA, 'focus', 'FOCUS-Sample-Data', 'focus_sample.csv');

/** The FinOps Foundation's real FOCUS 1.0 sample (1,000 rows), parsed: header and rows. */
export function readFocusSample(): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parseCsv(readFileSync(FOCUS_SAMPLE_PATH, 'utf8'));
  return { header: header!, rows };
}

export function columnValues(sample: { header: string[]; rows: string[][] }, column: string): string[] {
  const index = sample.header.indexOf(column);
  if (index < 0) throw new Error(`no column ${column}`);
  return sample.rows.map((row) => row[index]!);
}
