import type { Command } from 'commander';
import { applyJournalMapFile, showJournalMaps } from '../../app/journal/apply-journal-map.js';
import { printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';

export async function runJournalMapApply(file: string, flags: { json?: boolean }, command: Command) {
  const result = await withIdentity(command, 'allocation:run', (stores, { actor }) =>
    applyJournalMapFile(stores, actor, file),
  );
  if (flags.json) return printJson(result);
  process.stdout.write(
    `Journal map version ${result.version} applied: ${Object.keys(result.map.costCentres).length} cost centre(s), clearing account ${result.map.clearingAccount}\n`,
  );
}

export async function runJournalMapShow(flags: { json?: boolean }, command: Command) {
  const result = await withStores(command, (stores) => showJournalMaps(stores));
  if (flags.json) return printJson(result);
  if (!result.current)
    return void process.stdout.write('No journal map applied yet: tollgate journal map apply FILE\n');
  const { version, map, appliedAt, appliedBy } = result.current;
  process.stdout.write(
    `Journal map version ${version} (applied ${appliedAt} by ${appliedBy})\nclearing ${map.clearingAccount}, expense ${map.expenseAccount}\n${Object.entries(
      map.costCentres,
    )
      .map(([centre, code]) => `  ${centre} -> ${code}`)
      .join('\n')}\n`,
  );
}
