import { quoteLiteral } from '../../adapters/sql/sql-text.js';
import { TollgateError } from '../../core/errors.js';
import type { SqlEngine } from '../../ports/sql-engine.js';

/**
 * Reads a register CSV (a header row naming the fields, then one row per record) with DuckDB's
 * CSV reader, every cell as text and blanks as nulls, in file order. The caller checks the
 * fields; this only turns the file into rows, or says why it cannot.
 */
export async function readRegisterCsv(engine: SqlEngine, path: string): Promise<Record<string, unknown>[]> {
  try {
    const rows = await engine.all(
      `SELECT * FROM read_csv(${quoteLiteral(path)}, header = true, all_varchar = true, auto_detect = true,
         delim = ',', quote = '"', escape = '"', strict_mode = true)`,
    );
    return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null)));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new TollgateError(
      'REGISTER_CSV_UNREADABLE',
      `Cannot read ${path} as a CSV with a header row (${reason}); check the file and try again. Nothing was changed.`,
    );
  }
}
