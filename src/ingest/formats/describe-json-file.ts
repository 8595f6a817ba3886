import { quoteLiteral } from '../../adapters/sql/sql-text.js';
import { TollgateError } from '../../core/errors.js';
import type { SqlEngine } from '../../ports/sql-engine.js';
import { GCP_EXPORT_COLUMNS, gcpExportRows, isGcpExportRowSql } from './gcp/gcp-export-columns.js';
import {
  isOpenCostAllocationSql,
  OPENCOST_ALLOCATION_COLUMNS,
  openCostAllocationRows,
} from './opencost/opencost-allocation-json.js';

/**
 * A JSON billing file as a table of text columns, like a CSV's: its header and the SQL that
 * reads its rows. Tollgate reads two JSON shapes: OpenCost's `/allocation` API response and
 * Google Cloud's billing export as JSON lines. Every document is checked for one of them
 * first, so any other JSON is refused, naming what is read.
 */
export async function describeJsonFile(
  engine: SqlEngine,
  path: string,
): Promise<{ header: string[]; source: string }> {
  let shape: { opencost: boolean | null; gcp: boolean | null }[];
  try {
    shape = await engine.all(
      `SELECT bool_and(${isOpenCostAllocationSql('json')}) AS opencost, bool_and(${isGcpExportRowSql('json')}) AS gcp
       FROM read_json_objects(${quoteLiteral(path)}, format = 'auto')`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new TollgateError(
      'INGEST_BAD_JSON',
      `${path}: not readable JSON (${message}). The file may be truncated; fetch it again. Nothing was loaded.`,
    );
  }
  if (shape[0]?.gcp) return { header: [...GCP_EXPORT_COLUMNS], source: gcpExportRows(path) };
  if (!shape[0]?.opencost) {
    throw new TollgateError(
      'INGEST_UNKNOWN_JSON',
      `${path}: this JSON is not a billing export Tollgate reads. The JSON shapes read are an OpenCost /allocation API response ({"code": 200, "data": [{"<name>": {...}}]}) ` +
        "and Google Cloud's billing export as JSON lines (one row per line, with billing_account_id, usage_start_time and cost); " +
        'export other bills as CSV or Parquet. Nothing was loaded.',
    );
  }
  return { header: [...OPENCOST_ALLOCATION_COLUMNS], source: openCostAllocationRows(path) };
}
