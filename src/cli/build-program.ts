import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { packageRootPath } from '../adapters/package-root.js';
import { COMMAND_TABLE, type CommandDefinition } from './definitions/command-table.js';

/** The version in package.json, printed by `tollgate --version`. */
export function readPackageVersion(): string {
  const { version } = JSON.parse(readFileSync(packageRootPath('package.json'), 'utf8')) as {
    version: string;
  };
  return version;
}

/**
 * The command a command line runs, when it names one of the table before any option other than
 * --db: only that command need be defined (a `tollgate gate` in a pipeline skips the other 31).
 * Anything else (--help, --version, an unknown word, `completion`) gets the whole tree.
 */
export function commandNamedIn(argv: readonly string[]): CommandDefinition | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--db') i++;
    else if (!arg.startsWith('--db=')) {
      const named = arg.startsWith('-') ? undefined : COMMAND_TABLE.find((entry) => entry.name === arg);
      return named?.needsWholeTree ? undefined : named;
    }
  }
  return undefined;
}

/**
 * The command tree for a command line: definitions only; each command's module is imported when
 * it runs. Without arguments (or for --help), every command of the table.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('tollgate')
    .description('IT financial management: load what IT costs, say who spends it, govern releases with money')
    .option('--db <path>', 'database file (default ./tollgate.duckdb, or TOLLGATE_DB)')
    .option('--token <token>', "act as this API token's user, with its role checked (or TOLLGATE_TOKEN)")
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const named = commandNamedIn(argv);
  // Only without a command: gate, changes request and deploy record have a --version of their
  // own (the version deployed), which a global option would take first.
  if (!named) program.version(readPackageVersion(), '-V, --version', 'print the version of tollgate');
  const defines = await Promise.all((named ? [named] : COMMAND_TABLE).map((entry) => entry.load()));
  for (const define of defines) define(program);
  const overrideExits = (command: Command) => {
    command.exitOverride();
    command.commands.forEach(overrideExits);
  };
  overrideExits(program);
  return program;
}
