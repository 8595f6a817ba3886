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
const example = (name: string) => packageRootPath('examples', 'contracts', name);

/** The commands' own contract: exit codes, --json, the error line, help. Behaviour is tested in-process. */
describe('tollgate contracts and licences (CLI)', () => {
  before(async () => {
    await withStores(db, (stores) =>
      applyCatalog(
        stores,
        packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
        commandLineActor(),
      ),
    );
  });

  it('loads the examples, lists renewals, records a breach and its credit, posts licence cost', async () => {
    for (const [command, file] of [
      ['contracts', 'vendor-contracts.yaml'],
      ['licences', 'licences.csv'],
    ] as const) {
      const loaded = await runCli(['--db', db, command, 'load', example(file), '--json']);
      assert.equal(loaded.code, 0, loaded.stderr);
      assert.equal(JSON.parse(loaded.stdout).created.length, 2);
    }
    const usage = await runCli(['--db', db, 'licences', 'usage', example('licence-usage.csv')]);
    assert.equal(usage.code, 0, usage.stderr);
    const listed = await runCli(['--db', db, 'licences', 'list']);
    assert.match(listed.stdout, /L-DD-HOSTS-2026 .* 64 .* 72 .* shortfall .* 4500/);
    const renewals = await runCli([
      '--db',
      db,
      'contracts',
      'renewals',
      '--as-of',
      '2026-09-15',
      '--within',
      '60',
    ]);
    assert.equal(renewals.code, 0, renewals.stderr);
    assert.match(renewals.stdout, /C-DATADOG-2026 .* 2026-11-01 .* 47 .* renews/);
    const breach = await runCli([
      '--db',
      db,
      'contracts',
      'breach',
      'C-DATADOG-2026',
      '--sla',
      'availability',
      '--month',
      '2026-02',
      '--measured',
      '99.5',
    ]);
    assert.equal(breach.code, 0, breach.stderr);
    assert.match(breach.stdout, /credit owed 1500/);
    const credit = await runCli([
      '--db',
      db,
      'contracts',
      'credit',
      'C-DATADOG-2026:availability:2026-02',
      '--amount',
      '1500',
      '--received-on',
      '2026-03-20',
    ]);
    assert.equal(credit.code, 0, credit.stderr);
    const history = await runCli(['--db', db, 'licences', 'usage', example('licence-usage-history.csv')]);
    assert.equal(history.code, 0, history.stderr);
    assert.match(history.stdout, /6 new snapshot\(s\), 0 replaced, 0 unchanged/);
    const trend = await runCli(['--db', db, 'licences', 'trend', '--from', '2026-01', '--to', '2026-03']);
    assert.equal(trend.code, 0, trend.stderr);
    assert.match(trend.stdout, /2026-01 +L-DD-HOSTS-2026 .* 56 +shelfware +USD +0 +382\.19/);
    assert.match(trend.stdout, /L-DD-HOSTS-2026 +64 +88 +2026-03-15/);
    const csv = await runCli([
      '--db',
      db,
      'licences',
      'trend',
      '--from',
      '2026-03',
      '--to',
      '2026-03',
      '--product',
      'IntelliJ IDEA Ultimate',
      '--format',
      'csv',
    ]);
    assert.equal(csv.code, 0, csv.stderr);
    assert.deepEqual(csv.stdout.split('\n'), [
      'month,licence_id,product,metric,entitled,used,shortfall,shortfall_cost,shelfware,shelfware_cost,currency,status,usage_as_of,peak_used',
      '2026-03,L-IDEA-2026,IntelliJ IDEA Ultimate,seats,10,3,0,0,7,409.62,EUR,shelfware,2026-03-31,3',
      '',
    ]);
    const json = await runCli([
      '--db',
      db,
      'licences',
      'trend',
      '--from',
      '2026-03',
      '--to',
      '2026-03',
      '--json',
    ]);
    assert.deepEqual(
      JSON.parse(json.stdout).totals.map((total: { currency: string }) => total.currency),
      ['EUR', 'USD'],
    );
    // The renewal window from the setting when --within is not given: 47 days ahead is outside 30.
    const narrow = await runCli(['--db', db, 'contracts', 'renewals', '--as-of', '2026-09-15'], {
      env: { TOLLGATE_RENEWAL_WINDOW_DAYS: '30' },
    });
    assert.match(narrow.stdout, /No notice deadline within 30 days of 2026-09-15/);
    const posted = await runCli(['--db', db, 'licences', 'post', '--through', '2026-06', '--json']);
    assert.equal(posted.code, 0, posted.stderr);
    assert.equal(JSON.parse(posted.stdout).licences, 2);
  });

  it('refuses broken files and values with exit 1 or 2 and an error line, writing nothing', async () => {
    const broken = join(dir, 'broken.csv');
    writeFileSync(
      broken,
      'id,product,metric,quantity,startsOn,endsOn,price,currency,contractId,ownerTeam\nL-9,Tool,seats,5,2026-01-01,2026-12-31,100,EUR,,platform\n',
    );
    const before = await snapshotDatabase(db);
    const refused = await runCli(['--db', db, 'licences', 'load', broken]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^error \[LICENCE_INVALID\]: .*line 2: contractId is missing/ms);
    const window = await runCli(['--db', db, 'contracts', 'renewals', '--within', 'ever']);
    assert.equal(window.code, 2);
    assert.match(window.stderr, /error \[RENEWAL_BAD_WINDOW\]/);
    const month = await runCli(['--db', db, 'licences', 'post', '--through', 'June']);
    assert.equal(month.code, 2);
    const usage = join(dir, 'broken-usage.csv');
    writeFileSync(usage, 'licenceId,assignee,team,quantity,asOf\nL-IDEA-2026,ana,payments,-1,2026-13-01\n');
    const badUsage = await runCli(['--db', db, 'licences', 'usage', usage]);
    assert.equal(badUsage.code, 1);
    assert.match(
      badUsage.stderr,
      /error \[USAGE_INVALID\]: .*line 2: quantity '-1'.*line 2: asOf '2026-13-01' is not a date/s,
    );
    const range = await runCli(['--db', db, 'licences', 'trend', '--from', '2026-06', '--to', '2026-01']);
    assert.equal(range.code, 2);
    assert.match(range.stderr, /error \[LICENCE_BAD_RANGE\]: to 2026-01 is before from 2026-06/);
    const setting = await runCli(['--db', db, 'contracts', 'renewals'], {
      env: { TOLLGATE_RENEWAL_WINDOW_DAYS: 'soon' },
    });
    assert.equal(setting.code, 2);
    assert.match(setting.stderr, /TOLLGATE_RENEWAL_WINDOW_DAYS|renewalWindowDays/);
    const met = await runCli([
      '--db',
      db,
      'contracts',
      'breach',
      'C-DATADOG-2026',
      '--sla',
      'availability',
      '--month',
      '2026-03',
      '--measured',
      '100',
    ]);
    assert.equal(met.code, 1);
    assert.match(met.stderr, /error \[SLA_MET\]/);
    assert.deepEqual(await snapshotDatabase(db), before);
    for (const [command, subcommands] of [
      ['contracts', ['load', 'list', 'show', 'renewals', 'breach', 'credit']],
      ['licences', ['load', 'usage', 'list', 'post', 'trend']],
    ] as const) {
      const help = await runCli([command, '--help']);
      assert.equal(help.code, 0);
      for (const sub of subcommands) assert.match(help.stdout, new RegExp(`\\b${sub}\\b`));
    }
  });
});
