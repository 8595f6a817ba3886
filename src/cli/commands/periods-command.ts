import type { Command } from 'commander';
import { closePeriod, listPeriods, reopenPeriod } from '../../app/allocation/manage-periods.js';
import { printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { renderTable } from '../output/render-table.js';
export async function runPeriodsClose(period: string, flags: { json?: boolean }, command: Command) {
  const closed = await withIdentity(command, 'allocation:run', (stores, { actor }) =>
    closePeriod(stores, period, actor),
  );
  if (flags.json) return printJson(closed);
  process.stdout.write(`${closed.period} closed by ${closed.closedBy}; its allocation is frozen.\n`);
}

export async function runPeriodsReopen(
  period: string,
  flags: { reason?: string; json?: boolean },
  command: Command,
) {
  const result = await withIdentity(command, 'allocation:run', (stores, { actor }) =>
    reopenPeriod(stores, period, actor, flags.reason),
  );
  if (flags.json) return printJson(result);
  process.stdout.write(
    `${result.period} reopened; allocate it again with tollgate allocate --period ${result.period}.\n`,
  );
}

export async function runPeriodsList(flags: { json?: boolean }, command: Command) {
  const list = await withStores(command, (stores) => listPeriods(stores));
  if (flags.json) return printJson(list);
  const closed = new Map(list.closed.map((period) => [period.period, period]));
  const rows = list.runs.map((run) => [
    run.period,
    closed.has(run.period) ? `closed ${closed.get(run.period)!.closedAt}` : 'open',
    String(run.id),
    `v${run.ruleSetVersion}`,
    `v${run.catalogVersion}`,
  ]);
  if (rows.length === 0)
    return void process.stdout.write('No period allocated yet: tollgate allocate --period YYYY-MM\n');
  process.stdout.write(`${renderTable(['period', 'status', 'run', 'rules', 'catalogue'], rows)}\n`);
}
