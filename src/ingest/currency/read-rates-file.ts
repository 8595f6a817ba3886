import { access } from 'node:fs/promises';
import { quoteLiteral } from '../../adapters/sql/sql-text.js';
import type { RawRate } from '../../core/currency/read-exchange-rates.js';
import { TollgateError } from '../../core/errors.js';
import type { SqlEngine } from '../../ports/sql-engine.js';

const RATE_COLUMNS = ['date', 'from', 'to', 'rate'];

/**
 * Reads a rates CSV through DuckDB's CSV reader, every cell as text, in one of two layouts:
 * Tollgate's (header date,from,to,rate; more columns are ignored), or the European Central
 * Bank's eurofxref file as it is downloaded (header Date,USD,JPY,...: one row per published
 * day, 1 EUR = the value, `N/A` where a currency is not quoted), read as EUR->code rates.
 * Rows are numbered from 1, the first data line.
 */
export async function readRatesFile(engine: SqlEngine, path: string): Promise<RawRate[]> {
  try {
    await access(path);
  } catch {
    throw new TollgateError('RATES_FILE_NOT_FOUND', `${path} does not exist; check the path.`);
  }
  let rows: Record<string, unknown>[];
  try {
    rows = await engine.all(
      `SELECT * FROM read_csv(${quoteLiteral(path)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"', nullstr = '', strict_mode = true)`,
    );
  } catch (error) {
    throw new TollgateError(
      'RATES_FILE_UNREADABLE',
      `${path}: not a readable CSV file (${(error as Error).message.split('\n')[0]}). Write a header date,from,to,rate and one rate per line.`,
    );
  }
  const header = rows.length > 0 ? Object.keys(rows[0]!) : [];
  if (header.includes('Date') && !header.includes('from')) return meltEcbRates(rows, header);
  const missing = RATE_COLUMNS.filter((column) => !header.includes(column));
  if (rows.length > 0 && missing.length > 0) {
    throw new TollgateError(
      'RATES_FILE_COLUMNS',
      `${path}: the header lacks ${missing.join(', ')}; a rates file has the columns date,from,to,rate (1 from = rate to).`,
    );
  }
  return rows.map((row, index) => ({
    row: index + 1,
    date: row.date,
    from: row.from,
    to: row.to,
    rate: row.rate,
  }));
}

/** The ECB layout as one rate per day and currency: EUR -> the column's code; `N/A` and empty cells are not rates. */
function meltEcbRates(rows: Record<string, unknown>[], header: string[]): RawRate[] {
  const currencies = header.filter((name) => /^[A-Z]{3}$/.test(name));
  return rows.flatMap((row, index) =>
    currencies
      .filter((code) => row[code] !== null && row[code] !== undefined && row[code] !== 'N/A')
      .map((code) => ({ row: index + 1, date: row.Date, from: 'EUR', to: code, rate: row[code] })),
  );
}
