import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CompiledRuleSet, compileRuleSet } from '../../src/core/allocation/compile-rule-set.js';
import type { RuleSet } from '../../src/core/allocation/rule-set-model.js';
import { CatalogIndex } from '../../src/core/catalog/catalog-index.js';
import { type Catalog, UNALLOCATED } from '../../src/core/catalog/catalog-model.js';
import { Decimal } from '../../src/core/money.js';
import type { AllocationRun } from '../../src/ports/allocation-run-store.js';
import type { Stores } from '../../src/ports/stores.js';
import { exact } from './allocation-stores.contract.js';
import { type LineSpec, type StoresFactory, stage } from './cost-store.contract.js';

const line = (overrides: Partial<LineSpec>): LineSpec => ({
  load: 1,
  provider: 'AWS',
  account: 'a1',
  period: '2026-01-01',
  day: '2026-01-05',
  currency: 'USD',
  service: 'EC2',
  billed: '0',
  effective: '0',
  tags: null,
  ...overrides,
});

/**
 * January: a payments line (direct), a Support line split evenly between payments and search
 * (one unit of remainder to place), an untagged line and a line of an unknown team (both
 * unallocated), a EUR line whose tag key differs in case; February: one search line.
 */
export const ALLOCATION_LINES: LineSpec[] = [
  line({ service: 'EC2', billed: '10.12345678901', effective: '9.5', tags: '{"team":"payments"}' }),
  line({ service: 'Support', day: '2026-01-07', billed: '10.0000000000000001', effective: '7' }),
  line({ service: 'S3', day: '2026-01-06', billed: '0.00000000001', effective: '0' }),
  line({ service: 'Lambda', day: '2026-01-20', billed: '2', effective: '2', tags: '{"team":"ghost"}' }),
  line({
    load: 2,
    provider: 'Microsoft',
    account: 'm1',
    day: '2026-01-31',
    currency: 'EUR',
    service: 'VMs',
    billed: '100',
    effective: '80.25',
    tags: '{"Team":"payments"}',
  }),
  line({
    period: '2026-02-01',
    day: '2026-02-01',
    billed: '-2.5',
    effective: '-2.5',
    tags: '{"team":"search"}',
  }),
];

const CATALOG: Catalog = {
  businessUnits: [{ id: 'bu', name: 'Business' }],
  costCentres: [{ id: 'cc', name: 'Centre', businessUnit: 'bu' }],
  teams: [
    { id: 'payments', name: 'Payments', costCentre: 'cc' },
    { id: 'search', name: 'Search', costCentre: 'cc' },
  ],
  services: [],
  environments: [],
};

const RULE_SET: RuleSet = {
  tagKeys: 'exact',
  mapping: [
    {
      id: 'payments-tag',
      conditions: [
        { field: { kind: 'tag', key: 'team', ignoreKeyCase: true }, op: 'equals', value: 'payments' },
      ],
      set: { team: 'payments' },
      line: 1,
    },
  ],
  shared: [
    {
      id: 'support-even',
      conditions: [{ field: { kind: 'column', column: 'service_name' }, op: 'equals', value: 'Support' }],
      method: 'even',
      targets: ['payments', 'search'],
      line: 2,
    },
  ],
};

export const COMPILED_RULES: CompiledRuleSet = compileRuleSet(RULE_SET, new CatalogIndex(CATALOG));

/** Opens fresh stores holding ALLOCATION_LINES (and `extra`), runs `work`, closes them. */
export async function withAllocationLines(
  openStores: StoresFactory,
  work: (stores: Stores) => Promise<void>,
  extra: LineSpec[] = [],
): Promise<void> {
  const stores = await openStores();
  try {
    await stage(stores, [...ALLOCATION_LINES, ...extra], 'allocation_contract_lines');
    await stores.costs.importStagedLines({
      engine: stores.fileEngine,
      relation: 'allocation_contract_lines',
    });
    await work(stores);
  } finally {
    await stores.close();
  }
}

/** How allocatePeriod allocates and stores a run; the defaults are this contract's. */
export interface AllocatePeriodOptions {
  rules?: CompiledRuleSet;
  startedAt?: string;
  /** false stores the run without owner sources, as runs made before they were kept. */
  keepOwnerSources?: boolean;
}

/** One stored run of a period, as the allocation use case makes it: replaces the period's run. */
export async function allocatePeriod(
  stores: Stores,
  period: string,
  {
    rules = COMPILED_RULES,
    startedAt = '2026-03-01T10:00:00Z',
    keepOwnerSources = true,
  }: AllocatePeriodOptions = {},
): Promise<number> {
  return stores.transaction(async () => {
    const runs = stores.allocation.runs;
    await runs.deletePeriodAllocation(period);
    await runs.markRunsReplaced(period);
    const runId = await runs.nextRunId();
    const { emptySplits } = await runs.computeAllocation({
      runId,
      period,
      rules,
      drivers: [],
      table: 'allocated_lines',
    });
    const inputs = await runs.periodInputs(period);
    const run: AllocationRun = {
      id: runId,
      period,
      startedAt,
      runBy: 'contract',
      status: 'current',
      ruleSetVersion: 1,
      catalogVersion: 1,
      loadIds: inputs.loadIds,
      lineCount: inputs.lineCount,
      totals: [],
      emptySplits,
      ownerSources: keepOwnerSources
        ? [{ dimension: 'team', totals: await runs.ownerSourceTotals(period, 'allocated_lines', 'team') }]
        : null,
    };
    await runs.insertRun(run);
    return runId;
  });
}

const sum = (values: string[]) =>
  values.reduce((total, value) => total.plus(value), new Decimal(0)).toString();

/** The contract every AllocationRunStore adapter must keep. */
export function runAllocationRunStoreContract(adapter: string, openStores: StoresFactory): void {
  describe(`AllocationRunStore contract: ${adapter}`, () => {
    it("reads a period's inputs exactly: lines, loads, totals per currency", () =>
      withAllocationLines(openStores, async (stores) => {
        const inputs = await stores.allocation.runs.periodInputs('2026-01');
        assert.equal(inputs.lineCount, 5);
        assert.deepEqual(inputs.loadIds, [1, 2]);
        assert.deepEqual(
          inputs.totals.map((row) => [row.currency, exact(row.billedCost), exact(row.effectiveCost)]),
          [
            ['EUR', '100', '80.25'],
            ['USD', '22.1234567890200001', '18.5'],
          ],
        );
        assert.deepEqual(await stores.allocation.runs.periodInputs('2025-12'), {
          lineCount: 0,
          loadIds: [],
          totals: [],
        });
      }));

    it('allocates a period with conservation to the last decimal: allocated + unallocated = ingested', () =>
      withAllocationLines(openStores, async (stores) => {
        await allocatePeriod(stores, '2026-01');
        const kinds = await stores.allocation.runs.kindTotals('2026-01', 'allocated_lines');
        assert.deepEqual(
          kinds.map((row) => [row.currency, row.kind, exact(row.billedCost), exact(row.effectiveCost)]),
          [
            ['EUR', 'direct', '100', '80.25'],
            ['USD', 'direct', '10.12345678901', '9.5'],
            ['USD', 'shared', '10.0000000000000001', '7'],
            ['USD', 'unallocated', '2.00000000001', '2'],
          ],
        );
        const owners = await stores.allocation.runs.ownerTotals('2026-01', 'allocated_lines', 'team');
        const usd = owners.filter((row) => row.currency === 'USD');
        assert.equal(sum(usd.map((row) => row.billedCost)), '22.1234567890200001');
        assert.equal(sum(usd.map((row) => row.effectiveCost)), '18.5');
        const search = usd.find((row) => row.owner === 'search')!;
        assert.ok(['5', '5.0000000000000001'].includes(exact(search.billedCost)), search.billedCost);
        assert.equal(exact(search.effectiveCost), '3.5');
        const eur = owners.filter((row) => row.currency === 'EUR');
        assert.deepEqual(
          eur.map((row) => [row.owner, exact(row.effectiveCost)]),
          [['payments', '80.25']],
        );
        // Cost queries by owner read the same figures (through the allocated rollups).
        const byTeam = await stores.costs.queryCosts({
          groupBy: ['team'],
          metric: 'billed',
          filters: [],
          from: '2026-01-01',
          to: '2026-02-01',
        });
        assert.equal(
          sum(byTeam.filter((row) => row.currency === 'USD').map((row) => row.cost)),
          '22.1234567890200001',
        );
        assert.equal(
          exact(byTeam.find((row) => row.currency === 'USD' && row.dimensions.team === 'search')!.cost),
          exact(search.billedCost),
        );
      }));

    it("splits each owner's totals by how they were assigned, adding up exactly, and keeps them with the run", () =>
      withAllocationLines(openStores, async (stores) => {
        await allocatePeriod(stores, '2026-01');
        const sources = await stores.allocation.runs.ownerSourceTotals('2026-01', 'allocated_lines', 'team');
        const shown = sources.map((row) => [
          row.currency,
          row.owner,
          row.source,
          row.ruleId,
          exact(row.billedCost),
          exact(row.effectiveCost),
        ]);
        // The Support line's billed 10.0000000000000001 splits evenly, its remainder unit to one team.
        const [paymentsSupport, searchSupport] = sources
          .filter((row) => row.source === 'rule')
          .map((row) => exact(row.billedCost));
        assert.equal(sum([paymentsSupport!, searchSupport!]), '10.0000000000000001');
        assert.deepEqual(shown, [
          ['EUR', 'payments', 'mapping', 'payments-tag', '100', '80.25'],
          ['USD', 'payments', 'rule', 'support-even', paymentsSupport, '3.5'],
          ['USD', 'payments', 'mapping', 'payments-tag', '10.12345678901', '9.5'],
          ['USD', 'search', 'rule', 'support-even', searchSupport, '3.5'],
          ['USD', UNALLOCATED, 'unallocated', null, '2.00000000001', '2'],
        ]);
        // rule + mapping + unallocated = ingested, per currency, to the last decimal.
        const inputs = await stores.allocation.runs.periodInputs('2026-01');
        for (const total of inputs.totals) {
          const mine = sources.filter((row) => row.currency === total.currency);
          assert.equal(sum(mine.map((row) => row.billedCost)), exact(total.billedCost));
          assert.equal(sum(mine.map((row) => row.effectiveCost)), exact(total.effectiveCost));
        }
        // The run keeps them as they were measured.
        const run = await stores.allocation.runs.currentRun('2026-01');
        assert.deepEqual(run?.ownerSources, [{ dimension: 'team', totals: sources }]);
      }));

    it('reads a run stored without owner sources as null, not as an empty split', () =>
      withAllocationLines(openStores, async (stores) => {
        await allocatePeriod(stores, '2026-01', { keepOwnerSources: false });
        assert.equal((await stores.allocation.runs.currentRun('2026-01'))?.ownerSources, null);
      }));

    it('lists runs in run order, run 10 after run 9 (not as text)', () =>
      withAllocationLines(openStores, async (stores) => {
        await stores.transaction(async () => {
          const inputs = await stores.allocation.runs.periodInputs('2026-01');
          for (const [id, period] of [
            [10, '2026-02'],
            [9, '2026-01'],
          ] as const)
            await stores.allocation.runs.insertRun({
              id,
              period,
              startedAt: '2026-03-01T10:00:00Z',
              runBy: 'contract',
              status: 'current',
              ruleSetVersion: 1,
              catalogVersion: 1,
              loadIds: inputs.loadIds,
              lineCount: inputs.lineCount,
              totals: [],
              emptySplits: [],
              ownerSources: null,
            });
        });
        assert.deepEqual(
          (await stores.allocation.runs.listRuns()).map((run) => run.id),
          [9, 10],
        );
      }));

    it("replaces a period's run: never double counts, the new run is current, the old one replaced", () =>
      withAllocationLines(openStores, async (stores) => {
        const first = await allocatePeriod(stores, '2026-01');
        await allocatePeriod(stores, '2026-02');
        const second = await allocatePeriod(stores, '2026-01');
        assert.ok(second > first);
        const kinds = await stores.allocation.runs.kindTotals('2026-01', 'allocated_lines');
        assert.equal(
          sum(kinds.filter((row) => row.currency === 'USD').map((row) => row.billedCost)),
          '22.1234567890200001',
        );
        const runs = await stores.allocation.runs.listRuns('2026-01');
        assert.deepEqual(
          runs.map((run) => [run.id, run.status]),
          [
            [first, 'replaced'],
            [second, 'current'],
          ],
        );
        assert.equal((await stores.allocation.runs.currentRun('2026-01'))?.id, second);
        assert.deepEqual((await stores.allocation.runs.currentRun('2026-01'))?.loadIds, [1, 2]);
        assert.equal((await stores.allocation.runs.currentRun('2026-01'))?.startedAt, '2026-03-01T10:00:00Z');
        assert.equal((await stores.allocation.runs.listRuns()).length, 3);
        const february = await stores.allocation.runs.kindTotals('2026-02', 'allocated_lines');
        assert.deepEqual(
          february.map((row) => [row.kind, exact(row.billedCost)]),
          [['unallocated', '-2.5']],
        );
        const byTeam = await stores.costs.queryCosts({ groupBy: ['team'], metric: 'effective', filters: [] });
        assert.equal(sum(byTeam.filter((row) => row.currency === 'USD').map((row) => row.cost)), '16');
      }));

    it('previews into its own table and leaves the stored allocation as it was', () =>
      withAllocationLines(openStores, async (stores) => {
        await stores.transaction(async () => {
          await stores.allocation.runs.computeAllocation({
            runId: 0,
            period: '2026-01',
            rules: COMPILED_RULES,
            drivers: [],
            table: 'allocation_preview',
          });
          const preview = await stores.allocation.runs.kindTotals('2026-01', 'allocation_preview');
          assert.equal(
            sum(preview.filter((row) => row.currency === 'EUR').map((row) => row.billedCost)),
            '100',
          );
        });
        assert.deepEqual(await stores.allocation.runs.kindTotals('2026-01', 'allocated_lines'), []);
        assert.deepEqual(await stores.allocation.runs.listRuns(), []);
      }));

    it('refuses a shared line too large to split, and keeps the previous run whole', () =>
      withAllocationLines(openStores, async (stores) => {
        const kept = await allocatePeriod(stores, '2026-01');
        const before = await stores.allocation.runs.kindTotals('2026-01', 'allocated_lines');
        await stage(
          stores,
          [line({ load: 3, service: 'Support', day: '2026-01-09', billed: '10000000000', effective: '1' })],
          'oversized_lines',
        );
        await stores.costs.importStagedLines({ engine: stores.fileEngine, relation: 'oversized_lines' });
        await assert.rejects(allocatePeriod(stores, '2026-01'), (error: Error & { code?: string }) => {
          assert.equal(error.code, 'ALLOC_AMOUNT_TOO_LARGE');
          assert.match(error.message, /contract row 1 carries 10000000000/);
          return true;
        });
        assert.deepEqual(await stores.allocation.runs.kindTotals('2026-01', 'allocated_lines'), before);
        assert.equal((await stores.allocation.runs.currentRun('2026-01'))?.id, kept);
        assert.equal((await stores.allocation.runs.listRuns('2026-01')).length, 1);
      }));
  });
}
