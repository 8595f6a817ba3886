import { type Command, Option } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadIngestModule = () => import('../commands/ingest-command.js');

export function defineIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description(
      'Load FOCUS billing exports (CSV, CSV.gz, Parquet; a file or a folder of one export) into the database',
    )
    .argument('<path...>', 'files or folders to load; each one loads whole or not at all')
    .addOption(
      new Option(
        '--on-error <mode>',
        'fail: reject the file on any bad row; skip-row: load good rows, report the rest',
      )
        .choices(['fail', 'skip-row'])
        .default('fail'),
    )
    .option('--reject-report <path>', 'where --on-error skip-row writes rejected rows (CSV)')
    .option('--dry-run', 'validate and report without writing anything')
    .option('--json', 'print the summary as JSON')
    .action(lazyAction(loadIngestModule, (m) => m.runIngest));
}
