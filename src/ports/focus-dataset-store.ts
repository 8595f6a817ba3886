import type { FocusDatasetName } from '../core/focus/focus-datasets.js';

/** One record of a FOCUS dataset that is not cost lines (ContractCommitment, BillingPeriod, InvoiceDetail). */
export interface FocusDatasetRecord {
  /** The JSON array of the record's key values. */
  recordKey: string;
  /** ISO-8601 UTC, to the second. */
  periodStart: string | null;
  periodEnd: string | null;
  /** Exact decimal text. */
  amount: string | null;
  currency: string | null;
  label: string | null;
  /** Every column of the row, as the file gave it. */
  attributes: Record<string, string | null>;
  sourceFile: string;
  sourceRow: number;
}

export interface StoredFocusDatasetRecord extends FocusDatasetRecord {
  loadedAt: string;
}

/** The FOCUS datasets' own tables: a record replaces the stored record with the same key. */
export interface FocusDatasetStore {
  /** Writes the records; answers how many replaced a record with the same key. */
  replaceRecords(
    dataset: FocusDatasetName,
    records: readonly FocusDatasetRecord[],
  ): Promise<{ replaced: number }>;
  /** Records ordered by period start, then key; at most `limit`. */
  listRecords(dataset: FocusDatasetName, options: { limit: number }): Promise<StoredFocusDatasetRecord[]>;
}
