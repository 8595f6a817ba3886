/** The action of `tollgate costs add` (a subcommand of costs-command.ts's command, in a file of its own). */
import type { Command } from 'commander';
import { auditRecorder } from '../../app/audit/record-audit.js';
import { type AddCostEntriesResult, addCostEntriesFile } from '../../app/costs/add-cost-entries.js';
import { formatMoney } from '../../core/money.js';
import { printJson } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { renderTable } from '../output/render-table.js';

interface CostsAddFlags {
  ledger?: string;
  dryRun?: boolean;
  json?: boolean;
}

export async function runCostsAdd(file: string, flags: CostsAddFlags, command: Command) {
  const result = await withIdentity(command, 'sources:write', (stores, { actor }) =>
    addCostEntriesFile(stores, file, {
      ledger: flags.ledger,
      dryRun: Boolean(flags.dryRun),
      recordChange: auditRecorder(stores, actor),
    }),
  );
  // --json after the file is parsed by the parent `costs` command, which has one too.
  if (flags.json || command.optsWithGlobals<CostsAddFlags>().json) printJson(result);
  else process.stdout.write(describeResult(result));
}

function describeResult(result: AddCostEntriesResult): string {
  const what = `${result.entries} entries of ${result.source} (ledger ${result.ledger})`;
  if (result.status === 'already-loaded')
    return `${what} were already loaded as load ${result.loadId}; nothing changed.\n`;
  const head =
    result.status === 'validated'
      ? `${what} are valid: ${result.linesLoaded} daily lines would be added (dry run, nothing written).`
      : `Added ${what} as load ${result.loadId}: ${result.linesLoaded} daily lines.`;
  const replaced =
    result.replaced.length > 0
      ? `\nReplaced ${result.replaced.length} period(s) an earlier load of ledger ${result.ledger} held.`
      : '';
  const totals = renderTable(
    ['currency', 'total'],
    result.totals.map((total) => [total.currency, formatMoney(total.cost, 2)]),
    [1],
  );
  return `${head}${replaced}\n${totals}\n`;
}
