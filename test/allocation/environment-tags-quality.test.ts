import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { explainAllocation } from '../../src/app/allocation/explain-allocation.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { applyRules } from '../../src/app/allocation/manage-rules.js';
import { measureQuality } from '../../src/app/allocation/measure-quality.js';
import { allocatePeriods } from '../../src/app/allocation/run-allocation.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import type { Stores } from '../../src/ports/stores.js';
import { writeCsv } from '../support/csv-text.js';
import { readFocusSample } from '../support/focus-sample.js';
import { makeTempDir } from '../support/temp-dir.js';

// The catalogue has production, staging and test: no development environment.
const CATALOG = readFileSync(new URL('../governance/fixtures/catalog.yaml', import.meta.url), 'utf8');

const RULES = `mapping:
  - id: docs-in-staging
    when:
      tag:team: team-web
    set: { team: team-web, environment: staging }
  - id: payments
    when:
      tag:team: team-pay
    set: { team: team-pay }
`;

/** March 2026, one line a tag case: amounts are powers of two. */
const LINES: { cost: string; tags: Record<string, string> }[] = [
  { cost: '1', tags: { team: 'team-pay', env: 'prd' } },
  { cost: '2', tags: { team: 'team-pay', env: 'dev' } }, // names development: not in the catalogue
  { cost: '4', tags: { team: 'team-pay', environment: 'Development ' } }, // the same, other key
  { cost: '8', tags: { team: 'team-pay', env: 'blue' } }, // no environment word
  { cost: '16', tags: { team: 'team-web', env: 'dev' } }, // the rule sets staging: nothing to report
  { cost: '32', tags: { team: 'team-pay', env: 'qa' } }, // qa is test, in the catalogue
];

function writeBill(path: string) {
  const sample = readFocusSample();
  const col = (name: string) => sample.header.indexOf(name);
  const template = sample.rows.find(
    (row) => row[col('ProviderName')] === 'AWS' && row[col('ChargeCategory')] === 'Usage',
  )!;
  const rows = LINES.map((line, index) => {
    const row = [...template];
    row[col('BillingPeriodStart')] = '2026-03-01 00:00:00';
    row[col('BillingPeriodEnd')] = '2026-04-01 00:00:00';
    row[col('ChargePeriodStart')] = '2026-03-04 00:00:00';
    row[col('ChargePeriodEnd')] = '2026-03-04 23:00:00';
    row[col('ResourceId')] = `r-${index}`;
    row[col('BillingAccountId')] = 'acc-eur';
    for (const name of ['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost'])
      row[col(name)] = line.cost;
    row[col('BillingCurrency')] = 'EUR';
    row[col('Tags')] = JSON.stringify(line.tags);
    return row;
  });
  writeFileSync(path, writeCsv([sample.header, ...rows]));
}

describe('environment tags the allocation cannot place', () => {
  const dir = makeTempDir();
  let stores: Stores;
  before(async () => {
    stores = await openTollgate(loadConfig({ db: join(dir, 't.duckdb') }, {}));
    writeFileSync(join(dir, 'catalog.yaml'), CATALOG);
    writeFileSync(join(dir, 'rules.yaml'), RULES);
    writeBill(join(dir, 'bill.csv'));
    await applyCatalog(stores, join(dir, 'catalog.yaml'), commandLineActor());
    await applyRules(stores, join(dir, 'rules.yaml'), { actor: commandLineActor() });
    await ingestBillingFiles(stores, [join(dir, 'bill.csv')], {
      onError: 'fail',
      dryRun: false,
      rejectReportPath: join(dir, 'rejects.csv'),
    });
  });
  after(async () => {
    await stores.close();
  });

  const quality = () => measureQuality(stores, { period: '2026-03', requiredTags: ['team'], top: 10 });

  it('says nothing can be placed before the period is allocated', async () => {
    assert.equal((await quality()).unplacedEnvironmentTags, null);
  });

  it('allocates every line, naming the environment the catalogue lacks as data quality, not an error', async () => {
    const [run] = (await allocatePeriods(stores, '2026-03', commandLineActor())).runs;
    assert.deepEqual(
      run!.totals.map((total) => [Number(total.ingested.billedCost), Number(total.allocated.billedCost)]),
      [[63, 63]],
    );
    const report = await quality();
    assert.deepEqual(
      report.unplacedEnvironmentTags!.map((row) => [row.tag, row.value, row.names, row.effectiveCost]),
      [
        ['env', 'blue', null, '8'],
        ['environment', 'Development ', 'development', '4'],
        ['env', 'dev', 'development', '2'],
      ],
    );
    // One mapping: `prd` and `qa` are placed, so they are not "unknown" values either.
    assert.deepEqual(report.unknownTagValues, []);
    const byEnvironment = await stores.allocation.runs.ownerTotals(
      '2026-03',
      'allocated_lines',
      'environment',
    );
    assert.deepEqual(byEnvironment.map((row) => [row.owner, Number(row.effectiveCost)]).sort(), [
      ['production', 1],
      ['staging', 16],
      ['test', 32],
      [null, 14],
    ]);
  });

  it('explains where each environment came from: the rule or the tag', async () => {
    const staging = await explainAllocation(stores, {
      dimension: 'environment',
      owner: 'staging',
      period: '2026-03',
      limit: 5,
    });
    assert.deepEqual(
      staging.rules.map((rule) => [rule.ruleId, rule.environmentFrom]),
      [['docs-in-staging', 'rule']],
    );
    const test = await explainAllocation(stores, {
      dimension: 'environment',
      owner: 'test',
      period: '2026-03',
      limit: 5,
    });
    assert.deepEqual(
      test.rules.map((rule) => [rule.ruleId, rule.environmentFrom]),
      [['payments', 'tag']],
    );
    const team = await explainAllocation(stores, {
      dimension: 'team',
      owner: 'team-web',
      period: '2026-03',
      limit: 5,
    });
    assert.deepEqual(
      team.rules.map((rule) => rule.environmentFrom),
      [null],
    );
  });
});
