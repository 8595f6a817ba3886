import type { Command } from 'commander';
import { currentActor } from '../../app/allocation/current-actor.js';
import { closePeriod, listPeriods, reopenPeriod } from '../../app/allocation/manage-periods.js';
import { printJson, withStores } from '../cli-context.js';
import { renderTable } from '../output/render-table.js';

export function registerPeriodsCommand(program: Command): void {
  const periods = program
    .command('periods')
    .description('Close billing periods (frozen allocation) and reopen them (audited)');
  periods
    .command('close <period>')
    .description('Freeze an allocated period (YYYY-MM): allocate and later rule sets leave it alone')
    .option('--json', 'print as JSON')
    .action(async (period: string, flags: { json?: boolean }, command: Command) => {
      const closed = await withStores(command, (stores) => closePeriod(stores, period, currentActor()));
      if (flags.json) return printJson(closed);
      process.stdout.write(`${closed.period} closed by ${closed.closedBy}; its allocation is frozen.\n`);
    });
  periods
    .command('reopen <period>')
    .description('Reopen a closed period so it can be allocated again (audited)')
    .option('--reason <text>', 'why, for the audit log')
    .option('--json', 'print as JSON')
    .action(async (period: string, flags: { reason?: string; json?: boolean }, command: Command) => {
      const result = await withStores(command, (stores) =>
        reopenPeriod(stores, period, currentActor(), flags.reason),
      );
      if (flags.json) return printJson(result);
      process.stdout.write(
        `${result.period} reopened; allocate it again with tollgate allocate --period ${result.period}.\n`,
      );
    });
  periods
    .command('list', { isDefault: true })
    .description('Allocated and closed periods')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
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
    });
}
