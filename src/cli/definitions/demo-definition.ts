import type { Command } from 'commander';
import { MAX_DEMO_ROWS, MIN_DEMO_ROWS } from '../../demo/demo-row-bounds.js';
import { lazyAction } from './lazy-action.js';
import { parsePort, parseWholeNumber } from './option-parsers.js';

const loadDemoModule = () => import('../commands/demo-command.js');

export function defineDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      "Generate a demo organisation's year of FOCUS billing (AWS, Microsoft, Google Cloud), load it, and tour the spend",
    )
    .option(
      '--rows <n>',
      `about how many billing rows to generate (${MIN_DEMO_ROWS.toLocaleString('en-US')} to ${MAX_DEMO_ROWS.toLocaleString('en-US')})`,
      (text: string) => parseWholeNumber(text, MIN_DEMO_ROWS, MAX_DEMO_ROWS, '--rows'),
      200_000,
    )
    .option(
      '--seed <n>',
      'seed of the generator: the same seed and rows give the same files, byte for byte',
      (text: string) => parseWholeNumber(text, 0, 4_294_967_295, '--seed'),
      1,
    )
    .option('--out <dir>', 'folder the provider exports are written to', './tollgate-demo-data')
    .option('--json', 'print what was generated, loaded and toured as JSON')
    .option(
      '--serve',
      'then serve the dashboard and API: generate and load only when the database has no cost data, add demo budgets and logins, print the URL and logins, run until Ctrl-C',
    )
    .option('--port <port>', 'with --serve: TCP port (0 picks a free one)', parsePort, 4100)
    .option('--host <host>', 'with --serve: address to listen on', '127.0.0.1')
    .action(lazyAction(loadDemoModule, (m) => m.runDemo));
}
