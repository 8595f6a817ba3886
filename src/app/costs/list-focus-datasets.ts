import { TollgateError } from '../../core/errors.js';
import { FOCUS_DATASET_NAMES, focusDatasetNamed } from '../../core/focus/focus-datasets.js';
import type { StoredFocusDatasetRecord } from '../../ports/focus-dataset-store.js';
import type { Stores } from '../../ports/stores.js';

export const MAX_DATASET_RECORDS = 10_000;

/** The stored records of one FOCUS dataset (contract-commitment, billing-period, invoice-detail). */
export async function listFocusDatasetRecords(
  stores: Stores,
  dataset: string,
  limit: number,
): Promise<StoredFocusDatasetRecord[]> {
  const shape = focusDatasetNamed(dataset);
  if (!shape) {
    throw new TollgateError(
      'FOCUS_DATASET_UNKNOWN',
      `There is no FOCUS dataset called ${JSON.stringify(dataset)}: name one of ${FOCUS_DATASET_NAMES.join(', ')}.`,
      'invalid-input',
    );
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DATASET_RECORDS) {
    throw new TollgateError(
      'FOCUS_DATASET_LIMIT',
      `The limit must be a whole number from 1 to ${MAX_DATASET_RECORDS}.`,
      'invalid-input',
    );
  }
  return stores.focusDatasets.listRecords(shape.name, { limit });
}
