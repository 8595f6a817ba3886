import type { CompiledRuleSet } from '../../../core/allocation/compile-rule-set.js';
import type { AllocationSql, AllocationSqlDialect } from '../../../core/allocation/print-allocation-sql.js';
import type { DirectTotal } from '../../../core/allocation/split-weights.js';
import type { AllocationTable } from '../../../ports/allocation-run-store.js';
import type { SqlParams } from '../../../ports/sql-engine.js';

/** What the weights of a run need from its classified lines (or the line too large to split). */
export interface ClassifiedLines {
  directTotals: DirectTotal[];
  sharedKeys: { period: string; currency: string; ruleIndex: number }[];
  oversized?: { source_file: string; source_row: string; billed: string };
}

/**
 * The engine-specific part of allocation, given to the shared stores by the composition root:
 * how an engine classifies a period's lines and writes a run's rows (DuckDB: inline, into the
 * period's own table; PostgreSQL: through working tables, with the allocated rollups rebuilt
 * in the run), and how its allocated lines meet their cost lines.
 */
export interface AllocationEngine {
  /** The engine's allocation SQL: tags, regexes, exact types. */
  readonly sqlDialect: AllocationSqlDialect;
  /** allocated_lines aliased `a` joined to the cost line `c` behind each row. */
  readonly allocatedJoin: string;
  /** Session settings for the run's transaction (before its first statement). */
  prepareRun(): Promise<void>;
  /** Called once rows were loaded into a working table (statistics for the planner). */
  analyse(table: string): Promise<void>;
  /** Classifies the period's lines (`lines`: the printer's params and the period's bounds). */
  classify(sql: AllocationSql, rules: CompiledRuleSet, lines: SqlParams): Promise<ClassifiedLines>;
  /** Writes the run's rows into `table` once the split weights are loaded. */
  write(
    sql: AllocationSql,
    input: { runId: number; period: string; table: AllocationTable },
    lines: SqlParams,
  ): Promise<void>;
  /** Empties the preview table (created on first use). */
  resetPreview(): Promise<void>;
  /** Removes the period's stored allocation (and its rollups) before a new run writes it. */
  clearPeriod(period: string): Promise<void>;
}
