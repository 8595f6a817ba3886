import {
  DEPRECIATION_LINE_COLUMNS,
  depreciationCostLines,
} from '../../core/assets/depreciation-cost-lines.js';
import { buildDepreciationSchedule } from '../../core/assets/depreciation-schedule.js';
import { TollgateError } from '../../core/errors.js';
import type { Stores } from '../../ports/stores.js';
import type { RecordChange } from '../audit/record-audit.js';
import { ingestGeneratedLines } from '../costs/ingest-generated-lines.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

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
  const loaded = await ingestGeneratedLines(stores, {
    header: DEPRECIATION_LINE_COLUMNS,
    lines,
    fileName: `asset-depreciation-through-${options.through}.csv`,
    recordChange: options.recordChange,
  });
  return {
    through: options.through,
    assets: new Set(lines.map((line) => line[DEPRECIATION_LINE_COLUMNS.indexOf('x_asset_id')])).size,
    lines: lines.length,
    ...loaded,
  };
}
