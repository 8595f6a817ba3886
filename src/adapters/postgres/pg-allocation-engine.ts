import { ALLOCATED_COLUMNS, ALLOCATION_TABLES } from '../../core/allocation/print-allocation-sql.js';
import type { AllocationEngine } from '../sql/allocation/allocation-engine.js';
import { replaceTempTable } from '../sql/allocation/replace-temp-table.js';
import {
  SPLIT_METRICS,
  SPLIT_STORED_COLUMN,
  splitMetricColumn,
  splitShareMetricsSql,
  storedShareColumn,
} from '../sql/allocation/split-share-metrics.js';
import {
  ALLOCATED_ROLLUPS,
  allocatedRollupInsert,
  ROLLUP_DIMENSION_COLUMNS,
} from '../sql/costs/cost-rollups.js';
import { periodBounds } from '../sql/sql-columns.js';
import { postgresAllocationDialect } from './pg-allocation-dialect.js';
import type { PgDatabase } from './pg-database.js';
import { postgresDialect } from './postgres-dialect.js';

/** The stored run's rows before they take their billing account (see write). */
const WRITTEN = 'alloc_written';
/** The run's rows next to their cost line's dimensions, for allocated_lines and the rollups. */
const JOINED = 'alloc_joined';

/**
 * Server mode's allocation: the period's lines are classified into an analysed working table
 * that the totals, the split keys and the write read; the stored rows take their cost line's
 * billing account (allocated_lines' distribution column) and, when shared, their parts of the
 * split metrics (insertSplitRows), and the period's allocated rollups
 * are rebuilt in the run's transaction.
 */
/**
 * Moves the joined rows into allocated_lines, each shared row with its parts of the split
 * metrics (split-share-metrics.ts) and marked as having them; the others have none to store.
 */
function insertSplitRows(joined: string): string {
  const columns = [...ALLOCATED_COLUMNS, 'billing_account_id'];
  const stored = SPLIT_METRICS.map(storedShareColumn);
  const split = splitShareMetricsSql({
    dialect: postgresDialect,
    rows: `SELECT j.*, j.billed_cost AS share_billed, j.effective_cost AS share_effective
      FROM ${joined} j WHERE j.kind = 'shared'`,
    charge: ['load_id', 'source_file', 'source_row'],
  });
  return `INSERT INTO allocated_lines (${columns.join(', ')}, ${stored.join(', ')}, ${SPLIT_STORED_COLUMN})
SELECT ${columns.join(', ')}, ${stored.map(() => 'NULL').join(', ')}, NULL FROM ${joined} WHERE kind <> 'shared'
UNION ALL
SELECT ${columns.map((column) => `s.${column}`).join(', ')},
  ${SPLIT_METRICS.map((metric) => `s.${splitMetricColumn(metric)}_share`).join(', ')}, TRUE
FROM (${split}) s`;
}

export function createPgAllocationEngine(db: PgDatabase): AllocationEngine {
  return {
    sqlDialect: postgresAllocationDialect,
    allocatedJoin:
      'allocated_lines a JOIN cost_lines c ON c.billing_account_id = a.billing_account_id AND c.load_id = a.load_id AND c.source_file = a.source_file AND c.source_row = a.source_row',
    prepareRun: async () => {
      // The run sorts and hashes a whole period in memory rather than in small spills to disk,
      // and without JIT: compiling its long CASE expressions and window queries cost far more
      // than it saved (measured: 4 months of the 100k-row demo, 8-16 s without, 190-270 s with).
      await db.run(`SET LOCAL work_mem = '128MB'`);
      await db.run('SET LOCAL jit = off');
    },
    // Temporary tables have no statistics until analysed; without them a join looks tiny.
    analyse: async (table) => {
      await db.run(`ANALYZE ${table}`);
    },
    classify: async (sql, _rules, lines) => {
      await replaceTempTable(db, sql.classify, lines);
      await db.run(`ANALYZE ${ALLOCATION_TABLES.classified}`);
      const oversized = await db.one<{ source_file: string; source_row: string; billed: string }>(
        sql.oversized,
      );
      const direct = await db.all<{ period: string; currency: string; team: string; effective_cost: string }>(
        sql.directTotals,
      );
      const keys = await db.all<{ period: string; currency: string; rule_index: number }>(sql.sharedKeys);
      return {
        oversized,
        directTotals: direct.map((row) => ({
          period: row.period,
          currency: row.currency,
          team: row.team,
          effectiveCost: row.effective_cost,
        })),
        sharedKeys: keys.map((key) => ({
          period: key.period,
          currency: key.currency,
          ruleIndex: Number(key.rule_index),
        })),
      };
    },
    write: async (sql, { runId, period, table }) => {
      // The run id is the same bound value in every branch of the UNION: typed once here.
      const write = (target: string) => sql.write(target).replaceAll('$run_id', 'CAST($run_id AS BIGINT)');
      if (table === 'allocation_preview') {
        await db.run(write(table), { run_id: String(runId) });
        return;
      }
      await db.run(`DROP TABLE IF EXISTS ${WRITTEN}`);
      await db.run(`CREATE TEMP TABLE ${WRITTEN} (LIKE allocated_lines)`);
      await db.run(write(WRITTEN), { run_id: String(runId) });
      await db.run(`ANALYZE ${WRITTEN}`);
      // One join of the rows to their cost lines feeds both allocated_lines and the rollups.
      await db.run(`DROP TABLE IF EXISTS ${JOINED}`);
      await db.run(
        `CREATE TEMP TABLE ${JOINED} AS
         SELECT ${ALLOCATED_COLUMNS.map((column) => `w.${column}`).join(', ')}, c.billing_account_id, c.provider_name,
           c.billing_period_start, c.charge_period_start, ${ROLLUP_DIMENSION_COLUMNS.map((column) => `c.${column}`).join(', ')},
           c.billing_currency, c.list_cost, c.contracted_cost, c.billed_cost AS whole_billed,
           c.effective_cost AS whole_effective, ${SPLIT_METRICS.map((metric) => `c.${splitMetricColumn(metric)} AS ${splitMetricColumn(metric)}_whole`).join(', ')}
         FROM ${WRITTEN} w JOIN cost_lines c
           ON c.load_id = w.load_id AND c.source_file = w.source_file AND c.source_row = w.source_row
         WHERE c.billing_period_start >= CAST($start AS TIMESTAMP) AND c.billing_period_start < CAST($end AS TIMESTAMP)`,
        periodBounds(period),
      );
      await db.run(insertSplitRows(JOINED));
      for (const rollup of ALLOCATED_ROLLUPS) {
        await db.run(`DELETE FROM ${rollup} WHERE period = $period`, { period });
      }
      await db.run(allocatedRollupInsert(JOINED, 'day'));
      await db.run(allocatedRollupInsert(JOINED, 'month'));
      // A pooled connection outlives the run: its working tables must not.
      await db.run(`DROP TABLE ${WRITTEN}`);
      await db.run(`DROP TABLE ${JOINED}`);
    },
    resetPreview: async () => {
      await db.run('CREATE TEMP TABLE IF NOT EXISTS allocation_preview (LIKE allocated_lines)');
      await db.run('TRUNCATE allocation_preview');
    },
    clearPeriod: async (period) => {
      // Two processes allocating one period take turns until the first commits, so exactly one
      // run stays current and its lines are the only ones.
      await db.lockArea(`allocation:${period}`);
      await db.run('DELETE FROM allocated_lines WHERE period = $period', { period });
      for (const rollup of ALLOCATED_ROLLUPS) {
        await db.run(`DELETE FROM ${rollup} WHERE period = $period`, { period });
      }
    },
  };
}
