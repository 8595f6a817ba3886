import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { applyRateCardAudited } from '../../app/governance/audited/config-writes.js';
import { requireRateCard } from '../../app/governance/governance-context.js';
import { TollgateError } from '../../core/errors.js';
import { withActingIdentity } from '../acting-as.js';
import { printJson, withStores } from '../cli-context.js';
import { renderTable } from '../output/render-table.js';

export async function readInputFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new TollgateError(
      'FILE_UNREADABLE',
      `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}.`,
      'usage',
    );
  }
}
export async function runRatecardApply(
  file: string,
  flags: { by?: string; json?: boolean },
  command: Command,
) {
  const text = await readInputFile(file);
  const result = await withActingIdentity(command, 'governance:write', flags.by, (stores, identity) =>
    applyRateCardAudited(stores, identity, text, file),
  );
  if (flags.json) printJson({ version: result.version, entries: result.card.entries });
  else process.stdout.write(`Applied rate card version ${result.version}: ${result.entries} rates.\n`);
}

export async function runRatecardShow(flags: { json?: boolean }, command: Command) {
  const current = await withStores(command, (stores) => requireRateCard(stores));
  if (flags.json) {
    printJson(current);
    return;
  }
  process.stdout.write(
    `Rate card version ${current.version} (applied ${current.appliedAt} by ${current.appliedBy})\n`,
  );
  process.stdout.write(
    `${renderTable(
      ['role', 'hourly rate', 'currency', 'from', 'to'],
      current.card.entries.map((e) => [
        e.role,
        e.hourlyRate,
        e.currency,
        e.effectiveFrom,
        e.effectiveTo ?? '',
      ]),
      [1],
    )}\n`,
  );
}
