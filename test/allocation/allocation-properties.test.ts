import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { DuckDbDatabase } from '../../src/adapters/duckdb/duckdb-database.js';
import type { SqlAllocationRunStore } from '../../src/adapters/sql/allocation/sql-allocation-run-store.js';
import { type AllocatedAmount, evaluateAllocation } from '../../src/core/allocation/evaluate-allocation.js';
import type { EmptySplit } from '../../src/core/allocation/split-weights.js';
import { Decimal } from '../../src/core/money.js';
import {
  compileForTest,
  driversArbitrary,
  lineArbitrary,
  PERIODS,
  ruleSetArbitrary,
  toLines,
} from './allocation-fixtures.js';
import { openAllocationDb, openAllocationRunStore, storeLines } from './allocation-sql-harness.js';

function totalsBy(rows: { period: string; currency: string; billedCost: string; effectiveCost: string }[]) {
  const totals = new Map<string, { billed: Decimal; effective: Decimal }>();
  for (const row of rows) {
    const key = `${row.period}|${row.currency}`;
    const total = totals.get(key) ?? { billed: new Decimal(0), effective: new Decimal(0) };
    total.billed = total.billed.plus(row.billedCost);
    total.effective = total.effective.plus(row.effectiveCost);
    totals.set(key, total);
  }
  return new Map(
    [...totals].map(([key, total]) => [key, `${total.billed.toString()} / ${total.effective.toString()}`]),
  );
}

describe('allocation conservation (in-memory reference)', () => {
  it('allocated + unallocated = ingested per period and currency, exactly, for both metrics', () => {
    fc.assert(
      fc.property(
        fc.array(lineArbitrary, { maxLength: 60 }),
        ruleSetArbitrary,
        driversArbitrary,
        (raw, ruleSet, drivers) => {
          const lines = toLines(raw);
          const result = evaluateAllocation(lines, compileForTest(ruleSet), drivers);
          assert.deepEqual(totalsBy(result.rows), totalsBy(lines));
          // Stronger: every line's parts add up to the line.
          const byLine = new Map<string, AllocatedAmount[]>();
          for (const row of result.rows) byLine.set(row.key, [...(byLine.get(row.key) ?? []), row]);
          for (const line of lines) {
            const parts = byLine.get(line.key) ?? [];
            assert.ok(parts.length > 0, `line ${line.key} has no allocated rows`);
            assert.ok(
              parts.reduce((sum, part) => sum.plus(part.billedCost), new Decimal(0)).equals(line.billedCost),
            );
            assert.ok(
              parts
                .reduce((sum, part) => sum.plus(part.effectiveCost), new Decimal(0))
                .equals(line.effectiveCost),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('SQL printer against the reference evaluator', () => {
  let db: DuckDbDatabase;
  let store: SqlAllocationRunStore;
  before(async () => {
    db = await openAllocationDb();
    store = openAllocationRunStore(db);
  });
  after(() => db.close());

  const canonical = (row: {
    key: string;
    kind: string;
    ruleId: string | null;
    team: string | null;
    costCentre: string | null;
    billedCost: string;
    effectiveCost: string;
  }) =>
    [
      row.key,
      row.kind,
      row.ruleId,
      row.team,
      row.costCentre,
      new Decimal(row.billedCost).toString(),
      new Decimal(row.effectiveCost).toString(),
    ].join(' ');

  it('gives exactly the rows the evaluator gives, on random rule sets and lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArbitrary, { maxLength: 40 }),
        ruleSetArbitrary,
        driversArbitrary,
        async (raw, ruleSet, drivers) => {
          await storeLines(db, raw);
          const rules = compileForTest(ruleSet);
          const expected = evaluateAllocation(toLines(raw), rules, drivers);
          const actual: string[] = [];
          const emptySplits: EmptySplit[] = [];
          for (const period of PERIODS) {
            // The preview table is temporary (per connection): compute and read in one transaction.
            const rows = await db.transaction(async () => {
              const result = await store.computeAllocation({
                runId: 1,
                period,
                rules,
                drivers,
                table: 'allocation_preview',
              });
              emptySplits.push(...result.emptySplits);
              return db.all<Record<string, string | null>>(
                `SELECT load_id || '|' || source_file || '|' || source_row AS key, kind, rule_id, team, cost_centre,
                 CAST(billed_cost AS VARCHAR) AS billed, CAST(effective_cost AS VARCHAR) AS effective FROM allocation_preview`,
              );
            });
            actual.push(
              ...rows.map((row) =>
                canonical({
                  key: row.key!,
                  kind: row.kind!,
                  ruleId: row.rule_id ?? null,
                  team: row.team ?? null,
                  costCentre: row.cost_centre ?? null,
                  billedCost: row.billed!,
                  effectiveCost: row.effective!,
                }),
              ),
            );
          }
          const wanted = expected.rows.map((row) =>
            canonical({ ...row, team: row.owner.team, costCentre: row.owner.costCentre }),
          );
          assert.deepEqual(actual.sort(), wanted.sort());
          assert.deepEqual(
            emptySplits.map((split) => `${split.period} ${split.currency} ${split.ruleId}`).sort(),
            expected.emptySplits.map((split) => `${split.period} ${split.currency} ${split.ruleId}`).sort(),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
