import type { StagedLines } from '../../../ports/staged-lines.js';

/**
 * The engine-specific part of the cost store, given to it by the composition root: how staged
 * lines get in (DuckDB: one INSERT from its own staging relation; PostgreSQL: COPY into month
 * partitions), and when the allocated rollups are built (DuckDB: on first read after a run;
 * PostgreSQL: in the run, so reads need nothing).
 */
export interface CostLinesEngine {
  /** Copies staged lines and their cost rollups into the store in one transaction; returns how many. */
  importStagedLines(staged: StagedLines): Promise<number>;
  /** The relation a cost query planned for `relation` reads, once what it needs is current. */
  readableRelation(relation: string): Promise<string>;
  /** Brings the allocated rollups up to every period's current run (nothing to do where the run does it). */
  refreshAllocatedRollups(): Promise<void>;
}
