import type { StagedLines } from '../../ports/staged-lines.js';
import type { CostLinesEngine } from '../sql/costs/cost-lines-engine.js';
import { COST_ROLLUP_COLUMNS, stagedRollupSelect } from '../sql/costs/cost-rollups.js';
import { DuckDbAllocatedRollups } from './duckdb-allocated-rollups.js';
import type { DuckDbDatabase } from './duckdb-database.js';

/** Copies lines staged in the embedded file itself, with their rollups, in one transaction. */
async function importStagedLines(db: DuckDbDatabase, staged: StagedLines): Promise<number> {
  if (staged.engine !== db) {
    throw new Error('The embedded cost store imports only lines staged in its own database');
  }
  // The relation name is Tollgate's own (a temp view it created), never user input.
  return db.transaction(async () => {
    const [inserted] = await db.all<{ Count: string }>(
      `INSERT INTO cost_lines BY NAME SELECT * FROM ${staged.relation}`,
    );
    // Each file's lines get rollup rows of their own (a load of several files may repeat a
    // key): readers sum the rollups' sums, which equal the lines' sums whatever the split.
    for (const [table, grain] of [
      ['cost_rollup_daily', 'day'],
      ['cost_rollup_monthly', 'month'],
    ] as const) {
      await db.run(
        `INSERT INTO ${table} (${COST_ROLLUP_COLUMNS.join(', ')}) ${stagedRollupSelect(staged.relation, grain)}`,
      );
    }
    return Number(inserted!.Count);
  });
}

/**
 * The embedded cost store's own part: imports from its own staging relations, and allocated
 * rollups brought to each period's current run before they are read.
 */
export function createDuckDbCostEngine(db: DuckDbDatabase): CostLinesEngine {
  const allocatedRollups = new DuckDbAllocatedRollups(db);
  return {
    importStagedLines: (staged) => importStagedLines(db, staged),
    readableRelation: async (relation) => {
      if (!relation.startsWith('allocated_rollup_')) return relation;
      // A write transaction may hold an allocation its rollups do not have yet (and would wait
      // on a rebuild queued behind itself): it reads the lines.
      if (db.inTransaction()) return 'allocated_cost_lines';
      await allocatedRollups.refresh();
      return relation;
    },
    refreshAllocatedRollups: () => allocatedRollups.refresh(),
  };
}
