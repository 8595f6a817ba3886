import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { runCliInProcess } from '../support/in-process-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { auditEntriesOf, type CliWrite, describeAuditedWrites } from './prove-cli-writes.js';

const FILE = 'cli-register-writes-are-audited';
const example = (...path: string[]) => readFileSync(packageRootPath('examples', ...path), 'utf8');
/** The header and first record of an example CSV: one record, so one entry. */
const firstRecord = (text: string) => text.split('\n').slice(0, 2).join('\n') + '\n';

/**
 * Registers and finance set-up: rates, assets, the journal map, vendor contracts and licences,
 * each loaded from a one-record file (a load records one entry per record), proven in order on
 * one database with the demo catalogue.
 */
describe('register and finance commands each record exactly one audit entry', () => {
  const dir = makeTempDir();
  const db = join(dir, 'registers.duckdb');
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const rates = write('rates.csv', 'date,from,to,rate\n2026-01-05,USD,EUR,0.9189\n');
  const badRates = write('bad-rates.csv', 'date,from,to,rate\n2026-01-05,USD,EUR,lots\n');
  const assets = write('assets.csv', firstRecord(example('assets', 'asset-register.csv')));
  const badAssets = write(
    'bad-assets.csv',
    firstRecord(example('assets', 'asset-register.csv')).replace('18450.00', 'lots'),
  );
  const map = write(
    'map.yaml',
    'clearing_account: "2100"\nexpense_account: "6100"\ncost_centres:\n  cc: CC100\n  unallocated: CC999\n',
  );
  const badMap = write('bad-map.yaml', 'clearing_account: [\n');
  const contractsYaml = example('contracts', 'vendor-contracts.yaml');
  const contracts = write(
    'contracts.yaml',
    contractsYaml.slice(0, contractsYaml.indexOf('  - id: C-JETBRAINS-2026')),
  );
  const badContracts = write('bad-contracts.yaml', 'contracts: [unclosed\n');
  const licences = write(
    'licences.csv',
    example('contracts', 'licences.csv')
      .split('\n')
      .filter((line, index) => index === 0 || line.startsWith('L-DD-HOSTS-2026'))
      .join('\n')
      .concat('\n'),
  );
  const badLicences = write(
    'bad-licences.csv',
    'id,product,metric,quantity,startsOn,endsOn,price,currency,contractId,ownerTeam\nL-9,Tool,seats,5,2026-01-01,2026-12-31,100,EUR,,platform\n',
  );
  const usage = write(
    'usage.csv',
    'licenceId,assignee,team,quantity\nL-DD-HOSTS-2026,host-pool,observability,60\n',
  );
  const badUsage = write(
    'bad-usage.csv',
    'licenceId,assignee,team,quantity\nL-DD-HOSTS-2026,host-pool,observability,lots\n',
  );
  const breach = (month: string, measured: string) => [
    'contracts',
    'breach',
    'C-DATADOG-2026',
    '--sla',
    'availability',
    '--month',
    month,
    '--measured',
    measured,
  ];
  const credit = (receivedOn: string) => [
    'contracts',
    'credit',
    'C-DATADOG-2026:availability:2026-02',
    '--amount',
    '1500',
    '--received-on',
    receivedOn,
  ];

  /** In the order they run: later calls use what earlier ones made. */
  const WRITES: Record<string, CliWrite> = {
    'rates load': {
      valid: () => ['rates', 'load', rates],
      broken: () => ['rates', 'load', badRates],
      action: 'rates.save',
    },
    'assets load': {
      valid: () => ['assets', 'load', assets],
      broken: () => ['assets', 'load', badAssets],
      action: 'assets.create',
    },
    'assets post': {
      // Depreciation lines are posted as one generated load.
      valid: () => ['assets', 'post', '--through', '2025-03'],
      broken: () => ['assets', 'post', '--through', 'March'],
      action: 'ingest.load',
    },
    'journal map apply': {
      valid: () => ['journal', 'map', 'apply', map],
      broken: () => ['journal', 'map', 'apply', badMap],
      action: 'journal.map.apply',
    },
    'contracts load': {
      valid: () => ['contracts', 'load', contracts],
      broken: () => ['contracts', 'load', badContracts],
      action: 'contracts.create',
    },
    'contracts breach': {
      valid: () => breach('2026-02', '99.5'),
      // The level was met: no breach to record.
      broken: () => breach('2026-03', '100'),
      action: 'contracts.sla-breach.create',
    },
    'contracts credit': {
      valid: () => credit('2026-03-20'),
      broken: () => credit('soon'),
      action: 'contracts.sla-breach.credit',
    },
    'contracts renewals': {
      // --alert raises the renewal alerts; without it the command only lists.
      valid: () => ['contracts', 'renewals', '--alert', '--as-of', '2026-09-15', '--within', '60'],
      broken: () => ['contracts', 'renewals', '--alert', '--as-of', '2026-09-15', '--within', 'ever'],
      action: 'contracts.renewal-alerts',
    },
    'licences load': {
      valid: () => ['licences', 'load', licences],
      broken: () => ['licences', 'load', badLicences],
      action: 'licences.create',
    },
    'licences usage': {
      valid: () => ['licences', 'usage', usage],
      broken: () => ['licences', 'usage', badUsage],
      action: 'licences.usage.create',
    },
    'licences post': {
      valid: () => ['licences', 'post', '--through', '2026-03'],
      broken: () => ['licences', 'post', '--through', 'June'],
      action: 'ingest.load',
    },
  };

  describeAuditedWrites(
    FILE,
    WRITES,
    async () => {
      const catalog = packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml');
      assert.equal((await runCliInProcess(['--db', db, 'catalog', 'apply', catalog])).code, 0);
    },
    db,
  );

  it('a renewal run that opens and resolves no alert records no entry', async () => {
    const before = await auditEntriesOf(db);
    const again = await runCliInProcess([
      '--db',
      db,
      'contracts',
      'renewals',
      '--alert',
      '--as-of',
      '2026-09-16',
      '--within',
      '60',
      '--json',
    ]);
    assert.equal(again.code, 0, again.stderr);
    const result = JSON.parse(again.stdout);
    assert.deepEqual([result.opened, result.resolved], [[], []]);
    assert.equal(result.stillOpen.length, 1);
    assert.equal((await auditEntriesOf(db)).length, before.length);
  });
});
