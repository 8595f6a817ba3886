import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { explainAllocation } from '../../src/app/allocation/explain-allocation.js';
import { measureQuality } from '../../src/app/allocation/measure-quality.js';
import { allocatePeriods } from '../../src/app/allocation/run-allocation.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import type { Stores } from '../../src/ports/stores.js';
import { makeTempDir } from '../support/temp-dir.js';
import { loadEnvironmentTagBill } from './environment-tags-fixture.js';

describe('environment tags the allocation cannot place', () => {
  const dir = makeTempDir();
  let stores: Stores;
  before(async () => {
    stores = await openTollgate(loadConfig({ db: join(dir, 't.duckdb') }, {}));
    await loadEnvironmentTagBill(stores, dir);
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
      [null, 14],
      ['production', 1],
      ['staging', 16],
      ['test', 32],
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
