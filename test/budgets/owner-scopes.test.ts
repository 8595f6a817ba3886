import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { daysFrom, ingestFixture, weeklyCost } from './cost-fixture.js';

const dir = makeTempDir();
const db = join(dir, 'owners.duckdb');
const tollgate = (...args: string[]) => runCli(['--db', db, ...args]);

const CATALOG = `business_units:
  - id: retail
    name: Retail
cost_centres:
  - id: cc-100
    name: Shop
    business_unit: retail
teams:
  - id: payments
    name: Payments
    cost_centre: cc-100
  - id: search
    name: Search
    cost_centre: cc-100
services:
  - id: checkout-api
    name: Checkout API
    owner_team: payments
    criticality: critical
    environments: [production]
environments:
  - id: production
    name: Production
    production: true
`;

const RULES = `tag_keys: case-insensitive
mapping:
  - id: payments-tag
    when:
      tag:team: payments
    set: { team: payments, service: checkout-api, environment: production }
  - id: search-tag
    when:
      tag:team: search
    set: { team: search }
`;

async function ok(...args: string[]) {
  const result = await tollgate(...args);
  assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

describe('owner scopes from allocation', () => {
  before(async () => {
    const lines = daysFrom('2026-01-01', 139).flatMap((day) => [
      { day, cost: weeklyCost(day, 100), team: 'payments' },
      { day, cost: weeklyCost(day, 40), team: 'search', service: 'Amazon Simple Storage Service' },
    ]);
    await ingestFixture(db, dir, 'costs.csv', lines);
    writeFileSync(join(dir, 'catalog.yaml'), CATALOG);
    writeFileSync(join(dir, 'rules.yaml'), RULES);
    await ok('catalog', 'apply', join(dir, 'catalog.yaml'));
    await ok('rules', 'apply', join(dir, 'rules.yaml'));
    await ok('allocate', '--period', '2026-01..2026-05');
  });

  it('forecasts by team (tollgate forecast --by team --horizon 90d) and budgets an owner', async () => {
    const forecast = JSON.parse(
      await ok('forecast', '--by', 'team', '--horizon', '90d', '--json', '--no-save'),
    );
    assert.deepEqual(forecast.forecasts.map((f: { group: string }) => f.group).sort(), [
      'payments',
      'search',
    ]);
    await ok(
      'budgets',
      'set',
      'checkout',
      '--scope',
      'owner:service=checkout-api',
      '--amount',
      '3000',
      '--currency',
      'USD',
    );
    await ok(
      'budgets',
      'set',
      'payments-tag',
      '--scope',
      'tag:team=payments',
      '--amount',
      '3000',
      '--currency',
      'USD',
    );
    const owner = JSON.parse(await ok('budgets', 'show', 'checkout', '--as-of', '2026-05-20', '--json'));
    const tag = JSON.parse(await ok('budgets', 'show', 'payments-tag', '--as-of', '2026-05-20', '--json'));
    // Every payments line is allocated to checkout-api, so the owner and the tag see the same spend.
    assert.equal(owner.actual, tag.actual);
    assert.equal(owner.dataThrough, '2026-05-19');
    const list = JSON.parse(await ok('budgets', 'list', '--json'));
    assert.deepEqual(list.find((b: { name: string }) => b.name === 'checkout').scope, [
      'owner:service=checkout-api',
    ]);
  });
});
