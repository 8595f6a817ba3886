import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parsePeriod } from '../../core/allocation/billing-period.js';
import { TollgateError } from '../../core/errors.js';
import type { FocusExportFormat } from '../../ports/focus-export-store.js';
import type { Stores } from '../../ports/stores.js';

export interface FocusExportResult {
  period: string;
  runId: number;
  ruleSetVersion: number;
  catalogVersion: number;
  format: FocusExportFormat;
  path: string;
  rows: number;
}

const FORMATS: readonly FocusExportFormat[] = ['csv', 'parquet'];

/** The caller's names for the fields (`--period` on the CLI, `period` in the API). */
export interface FocusExportLabels {
  period: string;
  format: string;
}

/** Checks a requested format: csv or parquet. */
export function parseExportFormat(text: string, label: string): FocusExportFormat {
  const format = text.trim().toLowerCase();
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new TollgateError('EXPORT_BAD_FORMAT', `${label} ${text} is not one of csv, parquet.`, 'usage');
  }
  return format as FocusExportFormat;
}

/** The file name of a period's export: the period and the run it came from. */
export function focusExportFileName(period: string, runId: number, format: FocusExportFormat): string {
  return `focus-${period}-run${runId}.${format}`;
}

/**
 * Writes a period's allocated cost as FOCUS 1.3 rows into `outDir`: the rows of its current
 * allocation run, with the rule set version and the run in every row. A period with no
 * allocation run is refused with what to run; nothing is written.
 */
export async function exportFocus(
  stores: Stores,
  input: { period: string; format: string; outDir: string },
  labels: FocusExportLabels = { period: 'period', format: 'format' },
): Promise<FocusExportResult> {
  const period = parsePeriod(input.period, labels.period);
  const format = parseExportFormat(input.format, labels.format);
  const run = await stores.allocation.runs.currentRun(period);
  if (!run) {
    throw new TollgateError(
      'EXPORT_NOT_ALLOCATED',
      `${period} has no allocation run, so there is no allocated cost to export; run the allocation for ${period} first.`,
      'conflict',
    );
  }
  const dir = resolve(input.outDir);
  await mkdir(dir, { recursive: true });
  const path = join(dir, focusExportFileName(period, run.id, format));
  const { rows } = await stores.exports.writeFocusFile({
    period,
    runId: run.id,
    ruleSetVersion: run.ruleSetVersion,
    format,
    path,
  });
  return {
    period,
    runId: run.id,
    ruleSetVersion: run.ruleSetVersion,
    catalogVersion: run.catalogVersion,
    format,
    path,
    rows,
  };
}
