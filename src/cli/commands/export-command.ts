import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { exportFocus } from '../../app/export/export-focus.js';
import { exportJournal, journalCsv } from '../../app/journal/export-journal.js';
import { TollgateError } from '../../core/errors.js';
import { printJson, withStores } from '../cli-context.js';

export async function runExportFocus(
  flags: { period: string; format: string; out: string; json?: boolean },
  command: Command,
) {
  const result = await withStores(command, (stores) =>
    exportFocus(
      stores,
      { period: flags.period, format: flags.format, outDir: flags.out },
      { period: '--period', format: '--format' },
    ),
  );
  if (flags.json) printJson(result);
  else
    process.stdout.write(
      `${result.path}: ${result.rows} FOCUS rows of ${result.period} (allocation run ${result.runId}, rule set version ${result.ruleSetVersion})\n`,
    );
}

export async function runExportJournal(
  flags: { period: string; format: string; out?: string; json?: boolean },
  command: Command,
) {
  const format = flags.format.trim().toLowerCase();
  if (format !== 'csv' && format !== 'json') {
    throw new TollgateError(
      'EXPORT_BAD_FORMAT',
      `--format ${flags.format} is not one of csv, json.`,
      'usage',
    );
  }
  const journal = await withStores(command, (stores) =>
    exportJournal(stores, { period: flags.period }, { period: '--period' }),
  );
  const text = format === 'csv' ? journalCsv(journal) : `${JSON.stringify(journal, null, 2)}\n`;
  if (flags.out === undefined) {
    if (flags.json) return printJson(journal);
    process.stdout.write(text);
    return;
  }
  const dir = resolve(flags.out);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `journal-${journal.period}-run${journal.runId}.${format}`);
  await writeFile(path, text);
  const { lines, ...summary } = journal;
  if (flags.json) return printJson({ ...summary, path, lineCount: lines.length });
  const totals = journal.totals
    .map((total) => `${total.currency} ${total.journalTotal} (allocated ${total.allocatedTotal})`)
    .join(', ');
  process.stdout.write(
    `${path}: ${lines.length} journal lines of ${journal.period} (run ${journal.runId}, map version ${journal.mapVersion}${journal.closed ? ', closed' : ''}): ${totals}\n`,
  );
}
