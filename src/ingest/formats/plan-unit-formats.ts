import type { SqlEngine } from '../../ports/sql-engine.js';
import type { BillingFile } from '../discover-billing-files.js';
import { csvSource, describeParquet, parquetSource, readCsvHeader } from '../focus/stage-billing-file.js';
import { azureCostDetection } from './azure/azure-cost-format.js';
import { type PlannedAzureExport, planAzureExports } from './azure/plan-azure-exports.js';

export type PlannedFormat = PlannedAzureExport;

/**
 * How each file of one load is read, when that depends on the load's other files (Azure's
 * actual and amortised exports of one period are combined). Files not named in the answer are
 * read as their header says.
 */
export async function planUnitFormats(
  engine: SqlEngine,
  files: readonly BillingFile[],
): Promise<Map<string, PlannedFormat>> {
  const azure = [];
  for (const file of files) {
    if (file.format === 'json') continue;
    const parquet = file.format === 'parquet' ? await describeParquet(engine, file.path) : undefined;
    const header = parquet ? parquet.map((column) => column.column_name) : await readCsvHeader(file);
    if (!azureCostDetection.signature(header).matches) continue;
    const source = parquet ? parquetSource(file.path, parquet) : csvSource(file, header, false);
    azure.push({ path: file.path, header, source });
  }
  return azure.length > 0 ? planAzureExports(engine, azure) : new Map();
}
