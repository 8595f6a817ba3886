import type { RateTable } from '../currency/rate-table.js';
import { Decimal } from '../money.js';
import type { StatementInputRow } from './team-statement.js';

/** A statement row as the store gives it: its amounts are of one charge day. */
export type DatedStatementRow = StatementInputRow & { day: string };

/** One billing currency of a converted statement: its own sums and the same sums converted. */
export interface ConvertedCurrency {
  currency: string;
  billedCost: string;
  effectiveCost: string;
  convertedBilledCost: string;
  convertedEffectiveCost: string;
}

export interface ConvertedStatementRows {
  rows: StatementInputRow[];
  byCurrency: ConvertedCurrency[];
  /** `YYYY-MM-DD FROM->TO` of each day and pair without a rate either way, sorted. */
  missing: string[];
}

/**
 * A statement's rows in one reporting currency.
 * 1. Each row is one charge day of one line group in one billing currency: both its amounts
 *    are converted with that day's rate (RateTable: the stored direction, else the inverse).
 * 2. A day and pair with no rate either way is collected, never converted as zero.
 * 3. Per billing currency, the unconverted and the converted sums are kept, so the converted
 *    statement's total is by construction the sum of each currency's converted figures.
 */
export function convertStatementRows(
  rows: readonly DatedStatementRow[],
  rates: RateTable,
): ConvertedStatementRows {
  const missing = new Set<string>();
  const out: StatementInputRow[] = [];
  const sums = new Map<
    string,
    { billed: Decimal; effective: Decimal; cBilled: Decimal; cEffective: Decimal }
  >();
  for (const { day, ...row } of rows) {
    const billed = rates.convert(row.billedCost, row.currency, day);
    const effective = rates.convert(row.effectiveCost, row.currency, day);
    if (billed === undefined || effective === undefined) {
      missing.add(`${day} ${row.currency}->${rates.currency}`);
      continue;
    }
    const sum = sums.get(row.currency) ?? {
      billed: new Decimal(0),
      effective: new Decimal(0),
      cBilled: new Decimal(0),
      cEffective: new Decimal(0),
    };
    sum.billed = sum.billed.plus(row.billedCost);
    sum.effective = sum.effective.plus(row.effectiveCost);
    sum.cBilled = sum.cBilled.plus(billed);
    sum.cEffective = sum.cEffective.plus(effective);
    sums.set(row.currency, sum);
    out.push({
      ...row,
      currency: rates.currency,
      billedCost: billed.toFixed(),
      effectiveCost: effective.toFixed(),
    });
  }
  return {
    rows: out,
    byCurrency: [...sums.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, sum]) => ({
        currency,
        billedCost: sum.billed.toFixed(),
        effectiveCost: sum.effective.toFixed(),
        convertedBilledCost: sum.cBilled.toFixed(),
        convertedEffectiveCost: sum.cEffective.toFixed(),
      })),
    missing: [...missing].sort(),
  };
}
