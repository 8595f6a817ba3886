import { quoteLiteral } from '../../adapters/sql/sql-text.js';
import { TollgateError } from '../../core/errors.js';
import type { SqlEngine } from '../../ports/sql-engine.js';
import {
  isOpenCostAllocationSql,
  OPENCOST_ALLOCATION_COLUMNS,
  openCostAllocationRows,
} from './opencost/opencost-allocation-json.js';

/**
 * A JSON billing file as a table of text columns, like a CSV's: its header and the SQL that
 * reads its rows. Tollgate reads one JSON shape, OpenCost's `/allocation` API response; the
 * document is checked for it first, so any other JSON is refused by name.
 */
export async function describeJsonFile(
  engine: SqlEngine,
  path: string,
): Promise<{ header: string[]; source: string }> {
  let shape: { opencost: boolean | null; documents: string }[];
  try {
    shape = await engine.all(
      `SELECT bool_and(${isOpenCostAllocationSql('json')}) AS opencost, count(*)::VARCHAR AS documents
       FROM read_json_objects(${quoteLiteral(path)}, format = 'auto')`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new TollgateError(
      'INGEST_BAD_JSON',
      `${path}: not readable JSON (${message}). The file may be truncated; fetch it again. Nothing was loaded.`,
    );
  }
  if (!shape[0]?.opencost) {
    throw new TollgateError(
      'INGEST_UNKNOWN_JSON',
      `${path}: this JSON is not a billing export Tollgate reads. The one JSON shape read is an OpenCost /allocation API response ({"code": 200, "data": [{"<name>": {...}}]}); ` +
        'export other bills as CSV or Parquet. Nothing was loaded.',
    );
  }
  return { header: [...OPENCOST_ALLOCATION_COLUMNS], source: openCostAllocationRows(path) };
}
