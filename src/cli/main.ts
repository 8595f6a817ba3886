import { CommanderError } from 'commander';
import { type ErrorKind, isTollgateError } from '../core/errors.js';
import { buildProgram } from './build-program.js';
import { formatCliError } from './output/format-cli-error.js';

/**
 * Exit codes: 0 done, 1 the command ran and said no (a rejected file, a failed gate), 2 a usage
 * error, 3 the server a command asks (--server) could not answer.
 */
const EXIT_OF_KIND: Record<ErrorKind, number> = {
  usage: 2,
  'invalid-input': 1,
  'not-found': 1,
  conflict: 1,
  unavailable: 1,
  internal: 1,
};

/** Codes whose exit is more precise than their kind's. */
const EXIT_OF_CODE: Record<string, number> = { REMOTE_UNREACHABLE: 3 };

export async function runCli(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; commander has already printed its message.
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.help' ||
        error.code === 'commander.version'
      )
        return 0;
      return 2;
    }
    if (isTollgateError(error)) {
      process.stderr.write(formatCliError(error));
      return EXIT_OF_CODE[error.code] ?? EXIT_OF_KIND[error.kind];
    }
    process.stderr.write(
      `error [INTERNAL]: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

process.exitCode = await runCli(process.argv.slice(2));
