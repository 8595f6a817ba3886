import type { SqlEngine } from '../../ports/sql-engine.js';
import type { LoadPeriod } from '../../ports/state-store.js';
import { buildLinesSelect } from './build-staging-select.js';
import type { StagedFile } from './stage-billing-file.js';
import { writeRejectReport } from './write-reject-report.js';

/**
 * The file engine's working relations of one load: the staged file, the canonical lines read
 * from it (a view), and the rejected rows gathered for the report. The use case asks for them
 * by what they are; the SQL that makes them lives here, in the ingest layer that owns the file
 * engine.
 */
export const STAGE_TABLE = 'tollgate_stage';
const LINES_VIEW = 'tollgate_lines';
const REJECTS_TABLE = 'tollgate_rejected_rows';

export type StagedPeriod = Omit<LoadPeriod, 'replacedByLoadId'>;

/** Rows rejected by checks (`rejectedSql`) and lines the CSV reader could not parse, kept for the report. */
export async function recordRejectedRows(
  engine: SqlEngine,
  path: string,
  staged: Pick<StagedFile, 'unparsedLines'>,
  rejectedSql: string | null,
): Promise<void> {
  await engine.run(
    `CREATE TEMP TABLE IF NOT EXISTS ${REJECTS_TABLE} (file VARCHAR, "row" BIGINT, column_name VARCHAR, value VARCHAR, problem VARCHAR)`,
  );
  if (rejectedSql) await engine.run(`INSERT INTO ${REJECTS_TABLE} ${rejectedSql}`);
  for (const unparsed of staged.unparsedLines) {
    await engine.run(`INSERT INTO ${REJECTS_TABLE} VALUES ($file, $line, NULL, NULL, $problem)`, {
      file: path,
      line: unparsed.line,
      problem: `unreadable CSV line: ${unparsed.error}`,
    });
  }
}

/** Writes the rejected rows gathered so far as a CSV report (when asked) and forgets them. */
export async function finishRejectReport(engine: SqlEngine, reportPath: string | null): Promise<void> {
  if (reportPath) await writeRejectReport(engine, REJECTS_TABLE, reportPath);
  await engine.run(`DROP TABLE IF EXISTS ${REJECTS_TABLE}`);
}

/** The staged file's accepted rows as canonical lines of this load; answers the relation's name. */
export async function openLinesView(
  engine: SqlEngine,
  staged: Pick<StagedFile, 'rowNumber'>,
  loadId: number,
  path: string,
): Promise<string> {
  await engine.run(
    `CREATE OR REPLACE TEMP VIEW ${LINES_VIEW} AS ${buildLinesSelect(STAGE_TABLE, staged.rowNumber, loadId, path)}`,
  );
  return LINES_VIEW;
}

/** Drops the lines view and the staged file. */
export async function dropStagedFile(engine: SqlEngine): Promise<void> {
  await engine.run(`DROP VIEW IF EXISTS ${LINES_VIEW}`);
  await engine.run(`DROP TABLE IF EXISTS ${STAGE_TABLE}`);
}

/** Lines, billed and effective cost per provider, billing account, billing period and currency. */
export async function summariseStagedPeriods(engine: SqlEngine, relation: string): Promise<StagedPeriod[]> {
  const rows = await engine.all<{
    provider_name: string;
    billing_account_id: string;
    billing_period_start: string;
    billing_currency: string;
    row_count: string;
    billed_cost: string;
    effective_cost: string;
  }>(
    `SELECT provider_name, billing_account_id, strftime(billing_period_start, '%Y-%m-%d %H:%M:%S') AS billing_period_start,
       billing_currency, count(*)::VARCHAR AS row_count,
       COALESCE(sum(billed_cost), 0)::VARCHAR AS billed_cost, COALESCE(sum(effective_cost), 0)::VARCHAR AS effective_cost
     FROM ${relation} GROUP BY 1, 2, 3, 4`,
  );
  return rows.map((row) => ({
    providerName: row.provider_name,
    billingAccountId: row.billing_account_id,
    billingPeriodStart: row.billing_period_start,
    billingCurrency: row.billing_currency,
    rowCount: Number(row.row_count),
    billedCost: row.billed_cost,
    effectiveCost: row.effective_cost,
  }));
}
