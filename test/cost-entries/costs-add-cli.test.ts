import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { REPO_ROOT, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = makeTempDir();
const db = join(dir, 'cli.duckdb');
const example = join(REPO_ROOT, 'examples/costs/it-costs.csv');

describe('tollgate costs add (the command line contract)', () => {
  it('adds a file, prints its totals, and --json the summary', async () => {
    const human = await runCli(['--db', db, 'costs', 'add', example]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(
      human.stdout,
      /Added 8 entries of .*it-costs\.csv \(ledger it-costs\) as load 1: 945 daily lines/,
    );
    assert.match(human.stdout, /EUR +94500\.00/);
    const again = await runCli(['--db', db, 'costs', 'add', example, '--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).status, 'already-loaded');
    const costs = await runCli([
      '--db',
      db,
      'costs',
      '--by',
      'provider',
      '--filter',
      'provider=Equinix',
      '--json',
    ]);
    assert.equal(JSON.parse(costs.stdout).rows[0].cost, '3480.0000000000');
  });

  it('a bad file exits 1 with error [CODE] naming the row, and the database is as before', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'kind,provider,service,start,currency,amount\nsaas,X,Y,2026-01-01,USD,ten\n');
    const before = await snapshotDatabase(db);
    const result = await runCli(['--db', db, 'costs', 'add', bad]);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^error \[COSTS_FILE_INVALID\]: .*\n.*bad\.csv: row 1, field amount, value 'ten': not a number/m,
    );
    assert.deepEqual(await snapshotDatabase(db), before);
  });

  it('has help, and a missing file is usage of the command', async () => {
    const help = await runCli(['costs', 'add', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--ledger <name>/);
    assert.equal((await runCli(['--db', db, 'costs', 'add'])).code, 2);
  });
});
