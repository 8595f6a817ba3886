import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEPRECIATION_LINE_COLUMNS,
  depreciationCostLines,
} from '../../core/assets/depreciation-cost-lines.js';
import { buildDepreciationSchedule } from '../../core/assets/depreciation-schedule.js';
import { type CsvColumn, writeCsv } from '../../core/csv/write-csv.js';
import { TollgateError } from '../../core/errors.js';
import type { Stores } from '../../ports/stores.js';
import type { RecordChange } from '../audit/record-audit.js';
import { ingestBillingFiles } from '../costs/ingest-billing-files.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const NUMBER_COLUMNS = new Set(['BilledCost', 'ContractedCost', 'EffectiveCost', 'ListCost']);

/**
 * Posts the register's depreciation as cost lines, through the same path as a billing export:
 * 1. every asset's schedule up to `through` becomes FOCUS lines (depreciationCostLines);
 * 2. they are written as one CSV (writeCsv) in a private temporary folder;
 * 3. that file is ingested like any export, so its periods replace what an earlier posting
 *    loaded for them (the register's provider and account) and allocation, statements and
 *    budgets see the lines as any others; the load is audited by ingestion.
 */
export async function postDepreciation(
  stores: Stores,
  options: { through: string; recordChange: RecordChange },
) {
  if (!MONTH.test(options.through)) {
    throw new TollgateError(
      'ASSET_BAD_MONTH',
      `'${options.through}' is not a month; give the last month to post as YYYY-MM.`,
      'usage',
    );
  }
  const versions = await stores.assets.listAssets();
  const lines = depreciationCostLines(
    versions.map(({ asset }) => ({ asset, schedule: buildDepreciationSchedule(asset) })),
    options.through,
  );
  if (lines.length === 0) {
    throw new TollgateError(
      'ASSETS_NOTHING_TO_POST',
      `No asset in the register depreciates up to ${options.through}; load assets in service first. Nothing was posted.`,
      'conflict',
    );
  }
  const columns: CsvColumn<string[]>[] = DEPRECIATION_LINE_COLUMNS.map((label, index) => ({
    label,
    kind: NUMBER_COLUMNS.has(label) ? 'number' : 'text',
    value: (row) => (row[index] === '' ? null : row[index]!),
  }));
  const dir = await mkdtemp(join(tmpdir(), 'tollgate-depreciation-'));
  try {
    const path = join(dir, `asset-depreciation-through-${options.through}.csv`);
    await writeFile(path, writeCsv(columns, lines));
    const summary = await ingestBillingFiles(stores, [path], {
      onError: 'fail',
      dryRun: false,
      rejectReportPath: join(dir, 'rejected.csv'),
      recordChange: options.recordChange,
    });
    const unit = summary.units[0]!;
    return {
      through: options.through,
      assets: new Set(lines.map((line) => line[DEPRECIATION_LINE_COLUMNS.indexOf('x_asset_id')])).size,
      lines: lines.length,
      status: unit.status,
      loadId: unit.loadId,
      billingPeriods: summary.billingPeriods,
      totals: summary.totals.map((total) => ({ currency: total.currency, amount: total.effectiveCost })),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
