import type { Command } from 'commander';
import { auditRecorder } from '../../app/audit/record-audit.js';
import { listSources, removeSource } from '../../app/costs/manage-sources.js';
import { printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';
export async function runSourcesList(flags: { all?: boolean; json?: boolean }, command: Command) {
  const loads = await withStores(command, (stores) => listSources(stores, Boolean(flags.all)));
  if (flags.json) {
    printJson(loads);
    return;
  }
  if (loads.length === 0) {
    process.stdout.write('Nothing loaded yet. Load billing exports with: tollgate ingest <path>\n');
    return;
  }
  const rows: string[][] = [];
  for (const load of loads) {
    for (const period of load.periods) {
      rows.push([
        String(load.id),
        load.status + (period.replacedByLoadId ? ` (by #${period.replacedByLoadId})` : ''),
        period.providerName,
        period.billingAccountId,
        period.billingPeriodStart.slice(0, 7),
        period.billingCurrency,
        period.rowCount.toLocaleString('en-US'),
        formatAmount(period.billedCost),
        load.files.length === 1 ? load.files[0]!.path : `${load.inputPath} (${load.files.length} files)`,
        load.contentHash.slice(0, 12),
        load.loadedAt.slice(0, 19),
      ]);
    }
  }
  process.stdout.write(
    `${renderTable(['id', 'status', 'provider', 'account', 'period', 'currency', 'rows', 'billed', 'source', 'hash', 'loaded at'], rows, [6, 7])}\n`,
  );
}

export async function runSourcesRemove(id: string, flags: { json?: boolean }, command: Command) {
  const result = await withIdentity(command, 'sources:write', (stores, { actor }) =>
    removeSource(stores, id, auditRecorder(stores, actor)),
  );
  if (flags.json) printJson(result);
  else
    process.stdout.write(
      `Removed load #${result.loadId}: ${result.linesDeleted.toLocaleString('en-US')} cost lines deleted.\n`,
    );
}
