import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * The same checks the API answers with its field names (api-error-wording.test.ts) name the
 * CLI's flags on the command line: the CLI passes its flag names to the use cases. One
 * spawned command per use case that names fields; the API test covers every message.
 */
describe('CLI errors name CLI flags', () => {
  const db = join(makeTempDir('tollgate-cli-wording-'), 'wording.duckdb');
  const cases: [string[], string, RegExp][] = [
    [
      ['gate', '--service', 'payments', '--env', 'production', '--at', 'yesterday'],
      'GATE_USAGE',
      /--at 'yesterday'/,
    ],
    [
      ['costs', '--from', '2026-02-01', '--to', '2026-01-01'],
      'QUERY_BAD_DATE',
      /--from 2026-02-01 is not before --to/,
    ],
    [
      ['statement', '--team', 'x', '--period', '2026-01', '--model', 'partial'],
      'STATEMENT_BAD_SUBSIDY',
      /--subsidy/,
    ],
    [
      [
        'freeze',
        'add',
        '--env',
        'production',
        '--reason',
        'x',
        '--from',
        'christmas',
        '--until',
        '2027-01-02',
      ],
      'FREEZE_INVALID',
      /--from 'christmas'/,
    ],
    [['explain', '--team', 'x', '--period', 'jan'], 'PERIOD_BAD_FORMAT', /--period jan/],
  ];
  for (const [args, code, wording] of cases) {
    it(`tollgate ${args.slice(0, 2).join(' ')} says ${wording.source}`, async () => {
      const result = await runCli(['--db', db, ...args]);
      assert.notEqual(result.code, 0, result.stdout);
      assert.match(result.stderr, new RegExp(`\\[${code}\\]`), result.stderr);
      assert.match(result.stderr, wording, result.stderr);
    });
  }
});
