import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileRuleSet } from '../../src/core/allocation/compile-rule-set.js';
import { evaluateAllocation } from '../../src/core/allocation/evaluate-allocation.js';
import type { RuleSet } from '../../src/core/allocation/rule-set-model.js';
import { CatalogIndex } from '../../src/core/catalog/catalog-index.js';
import type { Catalog } from '../../src/core/catalog/catalog-model.js';
import { Decimal } from '../../src/core/money.js';
import type { Stores } from '../../src/ports/stores.js';
import { allocatePeriod } from './allocation-run-store.contract.js';
import { exact } from './allocation-stores.contract.js';
import { type LineSpec, type StoresFactory, stage } from './cost-store.contract.js';

/** The demo's environments: tags say prod/production/prd, staging/stg, dev. */
const CATALOG: Catalog = {
  businessUnits: [{ id: 'bu', name: 'Business' }],
  costCentres: [{ id: 'cc', name: 'Centre', businessUnit: 'bu' }],
  teams: [
    { id: 'payments', name: 'Payments', costCentre: 'cc' },
    { id: 'search', name: 'Search', costCentre: 'cc' },
  ],
  services: [],
  environments: [
    { id: 'prod', name: 'Production', production: true },
    { id: 'staging', name: 'Staging', production: false },
    { id: 'dev', name: 'Development', production: false },
  ],
};

const teamTag = { kind: 'tag', key: 'team', ignoreKeyCase: false } as const;
const RULES: RuleSet = {
  tagKeys: 'exact',
  mapping: [
    // Sets an environment: it wins over the line's tag.
    {
      id: 'search-staging',
      conditions: [{ field: teamTag, op: 'equals', value: 'search' }],
      set: { team: 'search', environment: 'staging' },
      line: 1,
    },
    {
      id: 'payments',
      conditions: [{ field: teamTag, op: 'equals', value: 'payments' }],
      set: { team: 'payments' },
      line: 2,
    },
  ],
  shared: [
    {
      id: 'support-even',
      conditions: [{ field: { kind: 'column', column: 'service_name' }, op: 'equals', value: 'Support' }],
      method: 'even',
      targets: ['payments', 'search'],
      line: 3,
    },
  ],
};

const line = (amount: string, tags: Record<string, string> | null, service = 'EC2'): LineSpec => ({
  load: 1,
  provider: 'AWS',
  account: 'a1',
  period: '2026-01-01',
  day: '2026-01-05',
  currency: 'USD',
  service,
  billed: amount,
  effective: amount,
  tags: tags === null ? null : JSON.stringify(tags),
});

/** Amounts are powers of two, so each environment's total says which lines it holds. */
const LINES: LineSpec[] = [
  line('1', { team: 'payments', env: 'prod' }),
  line('2', { team: 'payments', environment: 'production' }), // the demo's misspelled key, a synonym
  line('4', { team: 'payments', env: ' STG ' }), // spaces and case do not matter
  line('8', { team: 'search', env: 'dev' }), // the rule's staging wins
  line('16.0000000000000001', { env: 'dev' }, 'Support'), // shared: both halves keep dev
  line('32', { env: 'prd' }), // no rule: unallocated, still in prod
  line('64', { team: 'payments', env: 'qa' }), // names test, which the catalogue lacks
  line('128', { team: 'payments', env: 'blue', environment: 'dev' }), // env names none: environment
  line('256', { team: 'payments', env: 'sandbox-7' }), // no environment word
  line('512', { team: 'payments', env: 'prod', environment: 'dev' }), // env first
  line('1024', null),
];

/** Hand-computed: what each environment must hold (null: no environment, never guessed). */
const EXPECTED: [string | null, string][] = [
  ['dev', '144.0000000000000001'],
  [null, '1344'],
  ['prod', '547'],
  ['staging', '12'],
];

async function allocateJanuary(stores: Stores): Promise<void> {
  await stage(stores, LINES, 'environment_contract_lines');
  await stores.costs.importStagedLines({ engine: stores.fileEngine, relation: 'environment_contract_lines' });
  await allocatePeriod(stores, '2026-01', {
    rules: compileRuleSet(RULES, new CatalogIndex(CATALOG)),
    startedAt: '2026-02-01T10:00:00Z',
    keepOwnerSources: false,
  });
}

const sortByOwner = <T extends { owner: string | null }>(rows: T[]) =>
  [...rows].sort((a, b) => String(a.owner).localeCompare(String(b.owner)));

/** The environment stored in the allocation: the rule's, else the line's env/environment tag. */
export function runAllocationEnvironmentContract(adapter: string, openStores: StoresFactory): void {
  describe(`Allocation stores the environment: ${adapter}`, () => {
    it("takes a rule's environment, else the tag's through the catalogue's words, else none; amounts unchanged", async () => {
      const stores = await openStores();
      try {
        await allocateJanuary(stores);
        const owners = await stores.allocation.runs.ownerTotals('2026-01', 'allocated_lines', 'environment');
        assert.deepEqual(
          sortByOwner(owners).map((row) => [row.owner, exact(row.billedCost), exact(row.effectiveCost)]),
          EXPECTED.map(([owner, amount]) => [owner, amount, amount]),
        );
        // Conservation: the environment moves no money (allocated + unallocated = ingested).
        const kinds = await stores.allocation.runs.kindTotals('2026-01', 'allocated_lines');
        const total = kinds.reduce((sum, kind) => sum.plus(kind.billedCost), new Decimal(0));
        assert.equal(total.toString(), '2047.0000000000000001');
        const inputs = await stores.allocation.runs.periodInputs('2026-01');
        assert.equal(new Decimal(inputs.totals[0]!.billedCost).toString(), total.toString());
        // Cost queries by environment read the same figures.
        const byEnvironment = await stores.costs.queryCosts({
          groupBy: ['environment'],
          metric: 'effective',
          filters: [],
          from: '2026-01-01',
          to: '2026-02-01',
        });
        assert.deepEqual(
          byEnvironment
            .map((row) => [row.dimensions.environment ?? null, exact(new Decimal(row.cost).toString())])
            .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
          EXPECTED,
        );
        // A team's statement rows carry the environment too.
        const statement = await stores.allocation.reports.statementRows('2026-01', 'payments');
        const byStatement = new Map<string | null, number>();
        for (const row of statement)
          byStatement.set(row.environment, (byStatement.get(row.environment) ?? 0) + Number(row.billedCost));
        assert.deepEqual(
          [...byStatement.entries()].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
          [
            ['dev', 136],
            [null, 320],
            ['prod', 515],
            ['staging', 4],
          ],
        );
      } finally {
        await stores.close();
      }
    });

    it('gives the same environments as the in-memory reference allocation', async () => {
      const reference = evaluateAllocation(
        LINES.map((spec, index) => ({
          key: String(index),
          period: '2026-01',
          currency: spec.currency,
          billedCost: spec.billed,
          effectiveCost: spec.effective,
          columns: { service_name: spec.service },
          tags: spec.tags === null ? null : (JSON.parse(spec.tags) as Record<string, string>),
        })),
        compileRuleSet(RULES, new CatalogIndex(CATALOG)),
        [],
      );
      const totals = new Map<string | null, Decimal>();
      for (const row of reference.rows)
        totals.set(
          row.owner.environment,
          (totals.get(row.owner.environment) ?? new Decimal(0)).plus(row.billedCost),
        );
      assert.deepEqual(
        [...totals.entries()]
          .map(([owner, amount]) => [owner, amount.toString()])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        EXPECTED,
      );
    });
  });
}
