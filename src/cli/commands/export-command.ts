import type { Command } from 'commander';
import { exportFocus } from '../../app/export/export-focus.js';
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
