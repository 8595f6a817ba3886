import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CsvColumn, writeCsv } from '../../core/csv/write-csv.js';
import { COST_COLUMNS } from '../../core/focus/focus-schema.js';
import type { Stores } from '../../ports/stores.js';
import type { RecordChange } from '../audit/record-audit.js';
import { ingestBillingFiles } from './ingest-billing-files.js';

/**
 * Loads cost lines Tollgate generated itself (depreciation, licence cost) through the same path as
 * a billing export:
 * 1. the lines are written as one FOCUS CSV (writeCsv, cost columns as numbers) in a private
 *    temporary folder;
 * 2. that file is ingested like any export (an audited load), so posting again replaces the
 *    periods it repeats;
 * 3. the folder is removed, whatever happened.
 */
export async function ingestGeneratedLines(
  stores: Stores,
  input: {
    header: readonly string[];
    lines: string[][];
    fileName: string;
    recordChange: RecordChange;
  },
) {
  const columns: CsvColumn<string[]>[] = input.header.map((label, index) => ({
    label,
    kind: COST_COLUMNS.includes(label) ? 'number' : 'text',
    value: (row) => (row[index] === '' ? null : row[index]!),
  }));
  const dir = await mkdtemp(join(tmpdir(), 'tollgate-generated-'));
  try {
    const path = join(dir, input.fileName);
    await writeFile(path, writeCsv(columns, input.lines));
    const summary = await ingestBillingFiles(stores, [path], {
      onError: 'fail',
      dryRun: false,
      rejectReportPath: join(dir, 'rejected.csv'),
      recordChange: input.recordChange,
    });
    const unit = summary.units[0]!;
    return {
      status: unit.status,
      loadId: unit.loadId,
      billingPeriods: summary.billingPeriods,
      totals: summary.totals.map((total) => ({ currency: total.currency, amount: total.effectiveCost })),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
