import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const ECB = join(REPO_ROOT, 'test/fixtures/rates/ecb-eurofxref-hist-2025-04.csv');

describe('tollgate rates load --fill-forward (CLI)', () => {
  const db = join(makeTempDir(), 'rates.duckdb');

  it('without the flag: exit 1, one error line naming the missing day and the flag', async () => {
    const refused = await runCli(['--db', db, 'rates', 'load', ECB]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^error \[RATES_INVALID\]: /);
    assert.match(refused.stderr, /EUR->USD has no rate for 2025-04-18/);
    assert.doesNotMatch(refused.stderr, /\n\s+at /);
  });

  it('with it: says what was filled; rates list shows each filled day and the day it is from', async () => {
    const loaded = await runCli(['--db', db, 'rates', 'load', ECB, '--fill-forward']);
    assert.equal(loaded.code, 0, loaded.stderr);
    assert.match(loaded.stdout, /780 added/);
    assert.match(loaded.stdout, /Filled forward from the last published day: EUR->AUD 9 day\(s\)/);
    const listed = await runCli([
      '--db',
      db,
      'rates',
      'list',
      '--pair',
      'EUR/USD',
      '--from',
      '2025-04-18',
      '--to',
      '2025-04-18',
      '--json',
    ]);
    assert.equal(listed.code, 0, listed.stderr);
    const [rate] = (JSON.parse(listed.stdout) as { rates: { rate: string; filledFrom: string | null }[] })
      .rates;
    assert.deepEqual([rate!.rate, rate!.filledFrom], ['1.136', '2025-04-17']);
  });
});
