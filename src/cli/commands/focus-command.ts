import type { Command } from 'commander';
import { checkFocusFile } from '../../app/export/check-focus-file.js';
import { TollgateError } from '../../core/errors.js';
import { printJson, withStores } from '../cli-context.js';

export async function runFocusCheck(file: string, flags: { json?: boolean }, command: Command) {
  const result = await withStores(command, (stores) => checkFocusFile(stores, file));
  if (flags.json) printJson(result);
  else {
    const lines = [
      `${result.file}: FOCUS ${result.version}, ${result.rows} rows, ${result.rulesChecked} rules checked`,
      ...result.failures.map(
        (failure) =>
          `${failure.level.padEnd(6)} ${failure.id}: ${failure.rows} rows (${failure.description})`,
      ),
      `${result.mustFailures} MUST and ${result.shouldFailures} SHOULD rules failed`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (result.mustFailures > 0) {
    throw new TollgateError(
      'FOCUS_CHECK_FAILED',
      `${result.mustFailures} MUST rule(s) of FOCUS ${result.version} failed in ${file}; fix the rows counted above and check again.`,
      'invalid-input',
    );
  }
}
