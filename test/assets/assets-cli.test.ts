import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const dir = makeTempDir();
const db = join(dir, 'cli.duckdb');
const example = packageRootPath('examples', 'assets', 'asset-register.csv');

/** The command's own contract: exit codes, --json, the error line, help. Behaviour is tested in-process. */
describe('tollgate assets (CLI)', () => {
  before(async () => {
    await withStores(db, (stores) =>
      applyCatalog(
        stores,
        packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
        commandLineActor(),
      ),
    );
  });

  it('loads a register, lists it as JSON and posts its depreciation', async () => {
    const loaded = await runCli(['--db', db, 'assets', 'load', example, '--json']);
    assert.equal(loaded.code, 0, loaded.stderr);
    assert.equal(JSON.parse(loaded.stdout).created.length, 5);
    const listed = await runCli(['--db', db, 'assets', 'list', '--as-of', '2025-06', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(JSON.parse(listed.stdout).assets.length, 5);
    const shown = await runCli(['--db', db, 'assets', 'show', 'san-fra1-01']);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /2025-09 .* 12000/);
    const posted = await runCli(['--db', db, 'assets', 'post', '--through', '2025-06']);
    assert.equal(posted.code, 0, posted.stderr);
    assert.match(posted.stdout, /Posted depreciation through 2025-06: \d+ lines for 4 assets/);
  });

  it('refuses a broken file with exit 1 and an error line, writing nothing; bad usage exits 2', async () => {
    const broken = join(dir, 'broken.csv');
    writeFileSync(
      broken,
      'id,assetClass,ownerTeam,currency,acquiredOn,acquisitionCost,usefulLifeMonths\nx-1,server,payments,EUR,2025-01-01,100,0\n',
    );
    const before = await snapshotDatabase(db);
    const refused = await runCli(['--db', db, 'assets', 'load', broken]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^error \[ASSET_INVALID\]: .*line 2: usefulLifeMonths '0'/ms);
    const month = await runCli(['--db', db, 'assets', 'list', '--as-of', 'June']);
    assert.equal(month.code, 2);
    assert.match(month.stderr, /error \[ASSET_BAD_MONTH\]/);
    assert.deepEqual(await snapshotDatabase(db), before);
    const help = await runCli(['assets', '--help']);
    assert.equal(help.code, 0);
    for (const command of ['load', 'list', 'show', 'post', 'capex-opex', 'reconcile'])
      assert.match(help.stdout, new RegExp(`\\b${command}\\b`));
  });
});
