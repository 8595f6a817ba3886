import type { Command } from 'commander';
import { listFocusDatasetRecords } from '../../app/costs/list-focus-datasets.js';
import { printJson, withStores } from '../cli-context.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';

export async function runDatasets(
  dataset: string,
  flags: { limit: number; json?: boolean },
  command: Command,
) {
  const records = await withStores(command, (stores) =>
    listFocusDatasetRecords(stores, dataset, flags.limit),
  );
  if (flags.json) {
    printJson(records);
    return;
  }
  if (records.length === 0) {
    process.stdout.write(
      `No ${dataset} records loaded yet. Load the dataset's export with: tollgate ingest <path>\n`,
    );
    return;
  }
  const rows = records.map((record) => [
    (JSON.parse(record.recordKey) as (string | null)[]).join(' / '),
    record.label ?? '',
    record.periodStart?.slice(0, 10) ?? '',
    record.periodEnd?.slice(0, 10) ?? '',
    record.amount === null ? '' : formatAmount(record.amount),
    record.currency ?? '',
    `${record.sourceFile}:${record.sourceRow}`,
  ]);
  process.stdout.write(
    `${renderTable(['key', 'label', 'from', 'to', 'amount', 'currency', 'source'], rows, [4])}\n`,
  );
}
