import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DuckDbDatabase } from '../../src/adapters/duckdb/duckdb-database.js';
import type { SqlAllocationRunStore } from '../../src/adapters/sql/allocation/sql-allocation-run-store.js';
import { evaluateAllocation } from '../../src/core/allocation/evaluate-allocation.js';
import type { RuleSet, SharedRule } from '../../src/core/allocation/rule-set-model.js';
import { quantiseWeights, splitUnits } from '../../src/core/allocation/split-amount.js';
import type { DriverValue } from '../../src/core/allocation/split-weights.js';
import { Decimal } from '../../src/core/money.js';
import { compileForTest, type LineRecord, toLines } from './allocation-fixtures.js';
import { openAllocationDb, openAllocationRunStore, storeLines } from './allocation-sql-harness.js';

const line = (billedCost: string, effectiveCost = billedCost): LineRecord => ({
  period: '2026-01',
  currency: 'USD',
  billedCost,
  effectiveCost,
  service: 'Support',
  account: null,
  tags: null,
});
const direct = (team: string, effective: string): LineRecord => ({
  ...line(effective),
  service: 'Amazon EC2',
  tags: { team },
});

function rules(shared: Omit<SharedRule, 'id' | 'line' | 'conditions'>): RuleSet {
  return {
    tagKeys: 'exact',
    shared: [
      {
        ...shared,
        id: 'support',
        line: 1,
        conditions: [{ field: { kind: 'column', column: 'service_name' }, op: 'equals', value: 'Support' }],
      },
    ],
    mapping: ['alpha', 'beta', 'gamma'].map((team, index) => ({
      id: `map-${team}`,
      line: 10 + index,
      set: { team },
      conditions: [{ field: { kind: 'tag', key: 'team', ignoreKeyCase: false }, op: 'equals', value: team }],
    })),
  };
}

interface Case {
  name: string;
  lines: LineRecord[];
  ruleSet: RuleSet;
  drivers?: DriverValue[];
  /** Expected shares of the first (shared) line: team -> effective cost; 'unallocated' if it stays. */
  expected: Record<string, string>;
}

const cases: Case[] = [
  {
    name: '100 split evenly three ways: weights are parts per 10^12 adding up to 1, the first team by id takes the extra part',
    lines: [line('100')],
    ruleSet: rules({ method: 'even', targets: ['alpha', 'beta', 'gamma'] }),
    expected: { alpha: '33.3333333334', beta: '33.3333333333', gamma: '33.3333333333' },
  },
  {
    name: 'a credit of two units across three: signs kept, nothing invented',
    lines: [line('-0.0000000000000002')],
    ruleSet: rules({ method: 'even', targets: ['alpha', 'beta', 'gamma'] }),
    expected: { alpha: '-0.0000000000000001', beta: '-0.0000000000000001', gamma: '0' },
  },
  {
    name: 'the largest line a split takes (10^10 less one unit), evenly three ways: every 64-bit step holds',
    lines: [line('9999999999.9999999999999999')],
    ruleSet: rules({ method: 'even', targets: ['alpha', 'beta', 'gamma'] }),
    expected: { alpha: '3333333333.34', beta: '3333333333.33', gamma: '3333333333.3299999999999999' },
  },
  {
    name: 'fixed 33.3 / 33.3 / 33.4',
    lines: [line('10.00')],
    ruleSet: rules({
      method: 'fixed',
      targets: ['alpha', 'beta', 'gamma'],
      shares: { alpha: '33.3', beta: '33.3', gamma: '33.4' },
    }),
    expected: { alpha: '3.33', beta: '3.33', gamma: '3.34' },
  },
  {
    name: 'proportional to direct effective cost 1:3',
    lines: [line('8'), direct('alpha', '1'), direct('beta', '3')],
    ruleSet: rules({ method: 'proportional', targets: ['alpha', 'beta'] }),
    expected: { alpha: '2', beta: '6' },
  },
  {
    name: 'proportional with targets that have no direct cost: the line stays unallocated, with the rule',
    lines: [line('8'), direct('gamma', '5')],
    ruleSet: rules({ method: 'proportional', targets: ['alpha', 'beta'] }),
    expected: { unallocated: '8' },
  },
  {
    name: 'driver quantities 1:1:2',
    lines: [line('1')],
    ruleSet: rules({ method: 'driver', driver: 'cpu', targets: ['alpha', 'beta', 'gamma'] }),
    drivers: [
      { period: '2026-01', driver: 'cpu', team: 'alpha', quantity: '10' },
      { period: '2026-01', driver: 'cpu', team: 'beta', quantity: '10' },
      { period: '2026-01', driver: 'cpu', team: 'gamma', quantity: '20' },
    ],
    expected: { alpha: '0.25', beta: '0.25', gamma: '0.5' },
  },
  {
    name: 'driver with no data for the period stays unallocated',
    lines: [line('1')],
    ruleSet: rules({ method: 'driver', driver: 'cpu', targets: ['alpha', 'beta'] }),
    drivers: [{ period: '2026-02', driver: 'cpu', team: 'alpha', quantity: '10' }],
    expected: { unallocated: '1' },
  },
];

describe('split examples (evaluator and SQL, same answers)', () => {
  let db: DuckDbDatabase;
  let store: SqlAllocationRunStore;
  before(async () => {
    db = await openAllocationDb();
    store = openAllocationRunStore(db);
  });
  after(() => db.close());

  for (const example of cases) {
    it(example.name, async () => {
      const compiled = compileForTest(example.ruleSet);
      const drivers = example.drivers ?? [];
      const evaluated = evaluateAllocation(toLines(example.lines), compiled, drivers)
        .rows.filter((row) => row.key === '1|file.csv|1')
        .map((row) => {
          // Billed equals effective on these lines, so both metrics must split the same way.
          assert.equal(row.billedCost, row.effectiveCost);
          return [row.owner.team!, row.effectiveCost];
        });
      assert.deepEqual(Object.fromEntries(evaluated), example.expected);

      await storeLines(db, example.lines);
      // The preview table is temporary (per connection): compute and read in one transaction.
      const rows = await db.transaction(async () => {
        await store.computeAllocation({
          runId: 1,
          period: '2026-01',
          rules: compiled,
          drivers,
          table: 'allocation_preview',
        });
        return db.all<{ team: string; effective: string; same: boolean }>(
          `SELECT team, CAST(effective_cost AS VARCHAR) AS effective, billed_cost = effective_cost AS same
           FROM allocation_preview WHERE source_row = 1 ORDER BY team`,
        );
      });
      assert.ok(rows.every((row) => row.same));
      assert.deepEqual(
        Object.fromEntries(rows.map((row) => [row.team, row.effective.replace(/\.?0+$/, '') || '0'])),
        example.expected,
      );
    });
  }

  it('refuses a shared line too large to split exactly, in both evaluators', async () => {
    const example = {
      lines: [line('20000000000')],
      ruleSet: rules({ method: 'even', targets: ['alpha', 'beta'] }),
    };
    const compiled = compileForTest(example.ruleSet);
    assert.throws(() => evaluateAllocation(toLines(example.lines), compiled, []), {
      code: 'ALLOC_AMOUNT_TOO_LARGE',
    });
    await storeLines(db, example.lines);
    await assert.rejects(
      store.computeAllocation({
        runId: 1,
        period: '2026-01',
        rules: compiled,
        drivers: [],
        table: 'allocation_preview',
      }),
      { code: 'ALLOC_AMOUNT_TOO_LARGE' },
    );
  });

  it('weights are quantised to parts per 10^12 that add up to exactly 10^12', () => {
    assert.deepEqual(quantiseWeights(['1', '1', '1'].map((w) => new Decimal(w))), [
      333333333334n,
      333333333333n,
      333333333333n,
    ]);
    assert.deepEqual(quantiseWeights(['0.5', '-3', '1.5'].map((w) => new Decimal(w))), [
      250000000000n,
      0n,
      750000000000n,
    ]);
    assert.equal(quantiseWeights(['0', '-1'].map((w) => new Decimal(w))), null);
  });

  it('splitUnits rounds the running share up: units that do not divide go to the earlier targets', () => {
    assert.deepEqual(splitUnits(10n, [1n, 1n, 1n]), [4n, 3n, 3n]);
    assert.deepEqual(splitUnits(11n, [1n, 1n, 1n]), [4n, 4n, 3n]);
    // Running shares 3.33 and 10 round up to 4 and 10.
    assert.deepEqual(splitUnits(10n, [1n, 2n]), [4n, 6n]);
    assert.deepEqual(splitUnits(10n, [2n, 1n]), [7n, 3n]);
    assert.deepEqual(splitUnits(-10n, [1n, 1n, 1n]), [-4n, -3n, -3n]);
    assert.deepEqual(splitUnits(7n, [0n, 5n, 0n, 5n]), [0n, 4n, 0n, 3n]);
    assert.throws(() => splitUnits(7n, [1n, -1n, 2n]), RangeError);
    assert.throws(() => splitUnits(7n, [0n, 0n]), RangeError);
  });
});
