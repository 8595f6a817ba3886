import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocatePeriods } from '../../src/app/allocation/run-allocation.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { reportEnvironmentTco } from '../../src/app/governance/delivery/report-delivery-costs.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import { loadEnvironmentTagBill } from '../allocation/environment-tags-fixture.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startApi } from './api-harness.js';

async function prepare(dbPath: string) {
  const stores = await openTollgate(loadConfig({ db: dbPath }, {}));
  try {
    await loadEnvironmentTagBill(stores, makeTempDir());
    await allocatePeriods(stores, '2026-03', commandLineActor());
  } finally {
    await stores.close();
  }
}

/** Hand-computed from the fixture: prd -> production, qa -> test, the rule's staging; the rest none. */
const BY_ENVIRONMENT = [
  [null, 14],
  ['production', 1],
  ['staging', 16],
  ['test', 32],
];

describe('the allocated environment through the API, as the CLI reads it', async () => {
  const api = await startApi({}, {}, prepare);

  it('GET /costs?by=environment gives the figures `costs --by environment` prints', async () => {
    const { status, body } = await api.json('/api/v1/costs?by=environment&from=2026-03-01&to=2026-04-01', {
      role: 'viewer',
    });
    assert.equal(status, 200, JSON.stringify(body));
    const rows = (body.rows as { environment: string | null; cost: string }[])
      .map((row) => [row.environment, Number(row.cost)])
      .sort();
    assert.deepEqual(rows, BY_ENVIRONMENT);
    const cli = await api.stores.costs.queryCosts({
      groupBy: ['environment'],
      metric: 'effective',
      filters: [],
      from: '2026-03-01',
      to: '2026-04-01',
    });
    assert.deepEqual(rows, cli.map((row) => [row.dimensions.environment ?? null, Number(row.cost)]).sort());
  });

  it('environment cost of ownership reads the same allocated environment in the API and the CLI', async () => {
    const { status, body } = await api.json(
      '/api/v1/delivery/environments?from=2026-03-01&to=2026-04-01&idleDays=5',
      { role: 'viewer' },
    );
    assert.equal(status, 200, JSON.stringify(body));
    const cli = await reportEnvironmentTco(api.stores, { from: '2026-03-01', to: '2026-04-01', idleDays: 5 });
    assert.deepEqual(body, JSON.parse(JSON.stringify(cli)));
    assert.deepEqual(
      (body.environments as { environment: string; cost: string }[]).map((e) => [
        e.environment,
        Number(e.cost),
      ]),
      BY_ENVIRONMENT.filter(([environment]) => environment !== null),
    );
    assert.ok(
      (body.warnings as string[]).some((w) =>
        /^14 EUR of allocated cost is in an unknown environment/.test(w),
      ),
    );
  });

  it('GET /explain?environment= says whether the rule or the tag gave it, and refuses two owners', async () => {
    const staging = await api.json('/api/v1/explain?environment=staging&period=2026-03', {
      role: 'finance-admin',
    });
    assert.equal(staging.status, 200, JSON.stringify(staging.body));
    assert.deepEqual(
      staging.body.rules.map((rule: { ruleId: string; environmentFrom: string }) => [
        rule.ruleId,
        rule.environmentFrom,
      ]),
      [['docs-in-staging', 'rule']],
    );
    const both = await api.json('/api/v1/explain?environment=staging&team=team-pay&period=2026-03', {
      role: 'finance-admin',
    });
    assert.equal(both.status, 400);
    assert.equal(both.body.error.code, 'EXPLAIN_BAD_OWNER');
  });
});
