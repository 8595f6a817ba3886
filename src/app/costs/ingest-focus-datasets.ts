import { TollgateError } from '../../core/errors.js';
import { detectFocusDataset, type FocusDatasetShape } from '../../core/focus/focus-datasets.js';
import { assertGzip, type BillingFile, type LoadUnit } from '../../ingest/discover-billing-files.js';
import { readFocusDataset } from '../../ingest/focus/read-focus-dataset.js';
import { describeParquet, readCsvHeader } from '../../ingest/focus/stage-billing-file.js';
import { describeJsonFile } from '../../ingest/formats/describe-json-file.js';
import type { FocusDatasetRecord } from '../../ports/focus-dataset-store.js';
import type { Stores } from '../../ports/stores.js';
import { auditRecorder, commandLineActor, type RecordChange } from '../audit/record-audit.js';

export interface DatasetLoad {
  dataset: FocusDatasetShape['name'];
  records: number;
  /** Records that replaced a stored record with the same key. */
  replaced: number;
}

/** The FOCUS dataset a unit's files hold, or undefined when they are cost and usage files. */
export async function detectUnitDataset(
  stores: Stores,
  unit: LoadUnit,
): Promise<FocusDatasetShape | undefined> {
  const shapes = await Promise.all(
    unit.files.map(async (file) => detectFocusDataset(await readHeader(stores, file))),
  );
  const first = shapes[0];
  if (shapes.some((shape) => shape?.name !== first?.name)) {
    throw new TollgateError(
      'INGEST_MIXED_DATASETS',
      `${unit.inputPath}: the folder mixes FOCUS datasets (${[...new Set(shapes.map((shape) => shape?.title ?? 'cost and usage'))].join(', ')}). ` +
        'Load each dataset from a folder (or file) of its own. Nothing was loaded.',
    );
  }
  return first;
}

async function readHeader(stores: Stores, file: BillingFile): Promise<string[]> {
  if (file.format === 'csv.gz') await assertGzip(file);
  if (file.format === 'json') return (await describeJsonFile(stores.fileEngine, file.path)).header;
  if (file.format !== 'parquet') return readCsvHeader(file);
  return (await describeParquet(stores.fileEngine, file.path)).map((column) => column.column_name);
}

/**
 * Loads the files of one FOCUS dataset that is not cost lines (ContractCommitment,
 * BillingPeriod, InvoiceDetail) in one transaction: every file is read and checked first,
 * then the records replace stored records with the same key, and one audit entry records it.
 */
export async function ingestFocusDataset(
  stores: Stores,
  unit: LoadUnit,
  shape: FocusDatasetShape,
  options: { dryRun: boolean; recordChange?: RecordChange },
): Promise<DatasetLoad> {
  return stores.transaction(async () => {
    const records: FocusDatasetRecord[] = [];
    for (const file of unit.files) {
      const header = await readHeader(stores, file);
      records.push(...(await readFocusDataset(stores.fileEngine, file, header, shape)));
    }
    if (options.dryRun) return { dataset: shape.name, records: records.length, replaced: 0 };
    const { replaced } = await stores.focusDatasets.replaceRecords(shape.name, records);
    await (options.recordChange ?? auditRecorder(stores, commandLineActor()))({
      action: 'ingest.focus-dataset',
      target: `focus-dataset:${shape.name}`,
      before: replaced > 0 ? { replaced } : null,
      after: { inputPath: unit.inputPath, dataset: shape.title, records: records.length },
    });
    return { dataset: shape.name, records: records.length, replaced };
  });
}
