import type { Command } from 'commander';
import { loadDrivers } from '../../app/allocation/load-drivers.js';
import { printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { renderTable } from '../output/render-table.js';
export async function runDriversLoad(path: string, flags: { json?: boolean }, command: Command) {
  const result = await withIdentity(command, 'allocation:run', (stores, { actor }) =>
    loadDrivers(stores, path, actor),
  );
  if (flags.json) return printJson(result);
  process.stdout.write(`Loaded ${result.rows} driver values from ${path} (${result.replaced.join(', ')}).\n`);
}

export async function runDriversList(flags: { json?: boolean }, command: Command) {
  const list = await withStores(command, (stores) => stores.allocation.drivers.listDrivers());
  if (flags.json) return printJson(list);
  if (list.length === 0) return void process.stdout.write('No drivers loaded: tollgate drivers load <csv>\n');
  process.stdout.write(
    `${renderTable(
      ['period', 'driver', 'teams', 'total'],
      list.map((row) => [row.period, row.driver, String(row.teams), row.total]),
      [2, 3],
    )}\n`,
  );
}
