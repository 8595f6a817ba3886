import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TollgateError } from '../../core/errors.js';
import type { StagedLines } from '../../ports/staged-lines.js';
import type { CostLinesEngine } from '../sql/costs/cost-lines-engine.js';
import { COST_ROLLUP_COLUMNS, stagedRollupSelect } from '../sql/costs/cost-rollups.js';
import { quoteIdentifier, quoteLiteral } from '../sql/sql-text.js';
import { copyCsvFile, explainCopyFailure } from './pg-copy-file.js';
import type { PgDatabase } from './pg-database.js';
import { ensureMonthPartitions, partitionName } from './pg-month-partitions.js';

/**
 * Server mode's part of the cost store: staged lines arrive by COPY into monthly partitions of
 * cost_lines, and the allocated rollups need nothing on read (each allocation run rebuilds its
 * period's rollups in its own transaction).
 */
export function createPgCostEngine(db: PgDatabase): CostLinesEngine {
  const importer = new PgStagedImport(db);
  return {
    importStagedLines: (staged) => importer.importStagedLines(staged),
    readableRelation: async (relation) => relation,
    // Nothing to do: the run already rebuilt them.
    refreshAllocatedRollups: async () => {},
  };
}

class PgStagedImport {
  private columns: Promise<string[]> | undefined;

  constructor(private readonly db: PgDatabase) {}

  /**
   * Streams the staged lines from the file engine into PostgreSQL:
   * 1. Create the billing months' partitions that do not exist yet.
   * 2. DuckDB writes the lines, and their daily and monthly rollups, to CSV files in a private
   *    temporary folder (DuckDB's COPY: fast, no row passes through JavaScript).
   * 3. Each file is streamed into its table with COPY ... FROM STDIN on the caller's
   *    transaction, so a failure anywhere (a value PostgreSQL refuses, a full disk) rolls the
   *    whole load back and readers never see part of it.
   */
  async importStagedLines(staged: StagedLines): Promise<number> {
    const engine = staged.engine;
    const relation = staged.relation;
    const stagedColumns = (
      await engine.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${relation}`)
    ).map((row) => row.column_name);
    const known = new Set(await this.costLineColumns());
    const unknown = stagedColumns.filter((column) => !known.has(column));
    if (unknown.length > 0) {
      throw new TollgateError(
        'INGEST_UNKNOWN_COLUMNS',
        `Staged lines carry columns the PostgreSQL cost store does not have (${unknown.join(', ')}); run tollgate migrate.`,
        'internal',
      );
    }
    const months = await engine.all<{ month: string }>(
      `SELECT DISTINCT strftime(date_trunc('month', billing_period_start), '%Y-%m-%d') AS month
       FROM ${relation} WHERE billing_period_start IS NOT NULL`,
    );
    await ensureMonthPartitions(
      this.db,
      months.map((row) => row.month),
    );
    const dir = await mkdtemp(join(tmpdir(), 'tollgate-copy-'));
    try {
      const files = {
        lines: join(dir, 'lines.csv'),
        daily: join(dir, 'daily.csv'),
        monthly: join(dir, 'monthly.csv'),
      };
      const csv = '(FORMAT csv, HEADER false)';
      await engine.run(
        `COPY (SELECT ${stagedColumns.map(quoteIdentifier).join(', ')} FROM ${relation}) TO ${quoteLiteral(files.lines)} ${csv}`,
      );
      await engine.run(
        `COPY (${stagedRollupSelect(relation, 'day')}) TO ${quoteLiteral(files.daily)} ${csv}`,
      );
      await engine.run(
        `COPY (${stagedRollupSelect(relation, 'month')}) TO ${quoteLiteral(files.monthly)} ${csv}`,
      );
      return await this.db.transaction(() =>
        this.db.withClient(async (client) => {
          try {
            const copied = await copyCsvFile(client, 'cost_lines', stagedColumns, files.lines);
            await copyCsvFile(client, 'cost_rollup_daily', COST_ROLLUP_COLUMNS, files.daily);
            await copyCsvFile(client, 'cost_rollup_monthly', COST_ROLLUP_COLUMNS, files.monthly);
            // Fresh statistics for the months just loaded (a new partition has none), so the
            // allocation run that usually follows plans its joins on the real row counts.
            for (const month of months) await client.query(`ANALYZE ${partitionName(month.month)}`);
            return copied;
          } catch (error) {
            throw explainCopyFailure(error);
          }
        }),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private costLineColumns(): Promise<string[]> {
    this.columns ??= this.db
      .all<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = 'cost_lines' ORDER BY ordinal_position`,
      )
      .then((rows) => rows.map((row) => row.column_name));
    return this.columns;
  }
}
