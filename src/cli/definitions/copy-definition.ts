import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadCopyModule = () => import('../commands/copy-command.js');

export function defineCopyCommand(program: Command): void {
  program
    .command('copy')
    .description(
      'Copy every table of an embedded DuckDB file into a PostgreSQL database (server mode), in one transaction',
    )
    .requiredOption('--from <file>', 'the embedded database file (tollgate.duckdb); it is only read')
    .requiredOption('--to <url>', 'the PostgreSQL database, postgres://user:password@host:port/database')
    .option('--replace', 'empty a target that already holds data first (in the same transaction)')
    .option('--json', 'print what was copied as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Stop the embedded tollgate serve first (the file takes one writer). The target is migrated to this',
        'version; a target that holds data is refused unless --replace. Nothing is kept unless every table',
        "copied whole and its row counts and money sums equal the source's.",
      ].join('\n'),
    )
    .action(lazyAction(loadCopyModule, (m) => m.runCopy));
}
