import type { AllocationSql } from '../../core/allocation/print-allocation-sql.js';
import {
  type ClassifiedGroup,
  summariseClassifiedGroups,
} from '../../core/allocation/summarise-classified-groups.js';
import type { AllocationEngine } from '../sql/allocation/allocation-engine.js';
import { duckDbAllocationDialect } from './duckdb-allocation-dialect.js';
import { storeSplitShares } from './duckdb-allocation-shares.js';
import type { DuckDbDatabase } from './duckdb-database.js';
import { periodTable, replacePeriodTable } from './duckdb-period-allocations.js';

/**
 * The embedded engine's allocation: the period's lines are classified inline in each statement
 * (never into a working table of the run's transaction, which DuckDB would read without
 * parallelism), one grouped scan gives what the weights need, and the run writes its period's
 * own table (duckdb-period-allocations.ts), its shared rows with their parts of the split
 * metrics (duckdb-allocation-shares.ts). The allocated rollups are rebuilt on their next
 * read (duckdb-allocated-rollups.ts), not in the run.
 */
export function createDuckDbAllocationEngine(db: DuckDbDatabase): AllocationEngine {
  return {
    sqlDialect: duckDbAllocationDialect,
    allocatedJoin: 'allocated_lines a JOIN cost_lines c USING (load_id, source_file, source_row)',
    prepareRun: async () => {},
    analyse: async () => {},
    classify: async (sql: AllocationSql, rules, lines) => {
      const groups = await db.all<{
        period: string;
        currency: string;
        shared_rule: number | null;
        mapping_rule: number | null;
        effective_cost: string;
        oversized: boolean;
      }>(sql.inline.classifiedGroups, lines);
      const summary = summariseClassifiedGroups(
        rules,
        groups.map(
          (group): ClassifiedGroup => ({
            period: group.period,
            currency: group.currency,
            sharedRule: group.shared_rule === null ? null : Number(group.shared_rule),
            mappingRule: group.mapping_rule === null ? null : Number(group.mapping_rule),
            effectiveCost: group.effective_cost,
            oversized: group.oversized === true,
          }),
        ),
      );
      const oversized = summary.oversized
        ? await db.one<{ source_file: string; source_row: string; billed: string }>(
            sql.inline.oversized,
            lines,
          )
        : undefined;
      return { directTotals: summary.directTotals, sharedKeys: summary.sharedKeys, oversized };
    },
    write: async (sql, input, lines) => {
      // Allocated rows have no meaningful order (every reader sorts), so the engine need not keep one.
      await db.run('SET preserve_insertion_order = false');
      try {
        // allocated_lines is a view over the period tables: the run writes its period's table.
        const target = input.table === 'allocated_lines' ? periodTable(input.period) : input.table;
        await db.run(sql.inline.write(target), { ...lines, run_id: String(input.runId) });
        // A preview is read for its totals only; a run's rows are exported, with their parts.
        if (input.table === 'allocated_lines') await storeSplitShares(db, target);
      } finally {
        await db.run('RESET preserve_insertion_order');
      }
    },
    resetPreview: async () => {
      await db.run(
        'CREATE OR REPLACE TEMP TABLE allocation_preview AS SELECT * FROM allocated_lines LIMIT 0',
      );
    },
    // The period's table is replaced whole, never deleted row by row.
    clearPeriod: async (period) => {
      await replacePeriodTable(db, period);
    },
  };
}
