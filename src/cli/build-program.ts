import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { packageRootPath } from '../adapters/package-root.js';
import { COMMAND_TABLE } from './definitions/command-table.js';

/** The version in package.json, printed by `tollgate --version`. */
export function readPackageVersion(): string {
  const { version } = JSON.parse(readFileSync(packageRootPath('package.json'), 'utf8')) as {
    version: string;
  };
  return version;
}

/** The whole command tree: definitions only; each command's module is imported when it runs. */
export function buildProgram(): Command {
  const program = new Command('tollgate')
    .description('IT financial management: load what IT costs, say who spends it, govern releases with money')
    .version(readPackageVersion(), '-V, --version', 'print the version of tollgate')
    .option('--db <path>', 'database file (default ./tollgate.duckdb, or TOLLGATE_DB)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const command of COMMAND_TABLE) command.define(program);
  const overrideExits = (command: Command) => {
    command.exitOverride();
    command.commands.forEach(overrideExits);
  };
  overrideExits(program);
  return program;
}
