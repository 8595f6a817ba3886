import { DuckDBInstance } from '@duckdb/node-api';
import { normaliseDecimal, sumDecimals } from './csv-text.js';

export interface MonthTotal {
  currency: string;
  month: string;
  cost: string;
}

/**
 * Independent sums over a sample file, by DuckDB directly (not Tollgate's reader): `select`
 * gives currency, month and cost per row from `relation` (a read_csv/read_json call); the
 * answer is summed exactly per currency and month, as Tollgate's costs by month should be.
 */
export async function sumByMonth(
  relation: string,
  select: { currency: string; month: string; cost: string },
) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT ${select.currency} AS currency, ${select.month} AS month,
         sum(CAST(${select.cost} AS DECIMAL(38,16)))::VARCHAR AS cost
       FROM ${relation} GROUP BY ALL ORDER BY ALL`,
    );
    return (reader.getRowObjectsJson() as unknown as MonthTotal[]).map((row) => ({
      ...row,
      cost: normaliseDecimal(row.cost),
    }));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Adds month totals (currency and month alike), exactly. */
export function addMonthTotals(...lists: MonthTotal[][]): MonthTotal[] {
  const groups = new Map<string, string[]>();
  for (const row of lists.flat()) {
    const key = `${row.currency}|${row.month}`;
    groups.set(key, [...(groups.get(key) ?? []), row.cost]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, costs]) => {
      const [currency, month] = key.split('|') as [string, string];
      return { currency, month, cost: sumDecimals(costs) };
    });
}
