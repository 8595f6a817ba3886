import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CostQuery, CostRow } from '../../core/costs/cost-query.js';
import { TollgateError } from '../../core/errors.js';
import type { CostStore, PeriodKey } from '../../ports/cost-store.js';
import type { SqlParams } from '../../ports/sql-engine.js';
import type { StagedLines } from '../../ports/staged-lines.js';
import { buildCostQuerySql } from '../sql/cost-query-sql.js';
import {
  COST_ROLLUP_COLUMNS,
  chooseCostRelation,
  LOAD_ROLLUPS,
  stagedRollupSelect,
} from '../sql/cost-rollups.js';
import { quoteIdentifier, quoteLiteral } from '../sql/sql-text.js';
import { copyCsvFile } from './pg-copy-file.js';
import type { PgDatabase } from './pg-database.js';
import { ensureMonthPartitions, partitionName } from './pg-month-partitions.js';
import { postgresDialect } from './postgres-dialect.js';

/**
 * A COPY that fails has kept nothing (the caller's transaction rolls back); the error says
 * why in the user's terms: a full disk, or a value PostgreSQL cannot store (which line).
 */
export function explainCopyFailure(error: unknown): unknown {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (code === '53100') {
    return new TollgateError(
      'DB_DISK_FULL',
      `PostgreSQL ran out of disk space while loading (${detail}); nothing of this load was kept. Free space on the server and load it again.`,
      'unavailable',
    );
  }
  if (code.startsWith('22')) {
    const where = typeof error === 'object' && error !== null && 'where' in error ? String(error.where) : '';
    const line = /COPY \w+, line (\d+)/.exec(where)?.[1];
    return new TollgateError(
      'INGEST_VALUE_REFUSED',
      `PostgreSQL refused a value of the file${line ? ` (staged line ${line})` : ''}: ${detail}. Nothing of this load was kept; fix the value in the source file and load it again.`,
      'invalid-input',
    );
  }
  return error;
}

const PERIOD_WHERE =
  'load_id = $loadId AND provider_name = $provider AND billing_account_id = $account AND billing_period_start = CAST($period AS TIMESTAMP)';

/**
 * Cost lines in PostgreSQL: monthly partitions of cost_lines, and the daily and monthly
 * rollups kept in step in the same transaction as every load and delete.
 */
export class PgCostStore implements CostStore {
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

  async deleteLoadLines(loadId: number, period?: PeriodKey): Promise<number> {
    const where = period ? PERIOD_WHERE : 'load_id = $loadId';
    const params: SqlParams = period
      ? {
          loadId,
          provider: period.providerName,
          account: period.billingAccountId,
          period: period.billingPeriodStart,
        }
      : { loadId };
    return this.db.transaction(async () => {
      // The rollups lose exactly what the lines lose: the load's rows (of the period), and the
      // allocated shares of those lines, which the allocated_cost_lines view no longer joins.
      for (const rollup of LOAD_ROLLUPS) {
        await this.db.run(`DELETE FROM ${rollup} WHERE ${where}`, params);
      }
      const [deleted] = await this.db.all<{ n: string }>(
        `WITH deleted AS (DELETE FROM cost_lines WHERE ${where} RETURNING 1) SELECT count(*) AS n FROM deleted`,
        params,
      );
      return Number(deleted!.n);
    });
  }

  async queryCosts(query: CostQuery): Promise<CostRow[]> {
    const built = buildCostQuerySql(query, postgresDialect, chooseCostRelation(query));
    const rows = await this.db.all<Record<string, string | null>>(built.sql, built.params);
    return rows.map((row) => ({
      dimensions: Object.fromEntries(
        query.groupBy.map((dimension, index) => [dimension, row[built.aliases[index]!] ?? null]),
      ),
      currency: row.currency as string,
      cost: row.cost as string,
    }));
  }

  async countLoadLines(loadId: number): Promise<number> {
    const row = await this.db.one<{ n: string }>(
      'SELECT count(*) AS n FROM cost_lines WHERE load_id = $loadId',
      {
        loadId,
      },
    );
    return Number(row!.n);
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
