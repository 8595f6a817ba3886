import type { CostQuery, CostRow, Dimension } from '../../core/costs/cost-query.js';
import { isTimeDimension } from '../../core/costs/cost-query.js';
import { keepTopGroups } from '../../core/costs/top-n.js';
import { type RateBasis, rateDayOf } from '../../core/currency/convert-amount.js';
import { RateTable } from '../../core/currency/rate-table.js';
import { isKnownCurrency } from '../../core/currency-codes.js';
import { TollgateError } from '../../core/errors.js';
import { type FieldLabels, labelOf } from '../../core/field-labels.js';
import { Decimal } from '../../core/money.js';
import type { CostStore } from '../../ports/cost-store.js';
import type { ExchangeRateStore, StoredExchangeRate } from '../../ports/exchange-rate-store.js';
import { type CostReport, queryCosts } from './query-costs.js';

export interface ConvertedCostReport extends CostReport {
  /** The reporting currency every row is in. */
  currency: string;
  rateBasis: RateBasis;
  /** The same spend in its billing currencies, unconverted: what conservation is checked on. */
  billingTotals: { currency: string; cost: string }[];
}

const MAX_MISSING_SHOWN = 10;

/**
 * Costs in one reporting currency.
 * 1. Sum the metric per asked group, charge day and billing currency (the store's query with
 *    `day` added to the groups).
 * 2. Convert each of those sums at its day's rate (or its month's, by the basis), rounded by
 *    convertAmount's rule, or divided by the stored rate of the other direction when only that
 *    one is stored (RateTable); spend already in the reporting currency is kept as it is. A day with
 *    spend and no rate refuses the report, naming the days and pairs: never a silent zero.
 * 3. Add the converted sums up per asked group; top N and ordering as in billing currencies.
 */
export async function queryCostsInCurrency(
  stores: { costs: CostStore; exchangeRates: ExchangeRateStore },
  query: CostQuery,
  currency: string,
  rateBasis: RateBasis,
  top?: number,
  labels: FieldLabels<'from' | 'to' | 'metric' | 'currency'> = {},
): Promise<ConvertedCostReport> {
  requireReportingCurrency(currency, labels);
  const byDay: Dimension[] = query.groupBy.includes('day') ? query.groupBy : [...query.groupBy, 'day'];
  const daily = await queryCosts(stores.costs, { ...query, groupBy: byDay }, undefined, labels);
  const foreignDays = daily.rows.filter((row) => row.currency !== currency).map((row) => row.dimensions.day!);
  const rates = new RateTable(
    currency,
    foreignDays.length > 0
      ? await listRatesBothWays(stores.exchangeRates, foreignDays, currency, rateBasis)
      : [],
  );
  const missing = new Set<string>();
  const groups = new Map<string, CostRow & { exact: Decimal }>();
  for (const row of daily.rows) {
    let cost = new Decimal(row.cost);
    if (row.currency !== currency) {
      const day = rateDayOf(row.dimensions.day!, rateBasis);
      const converted = rates.convert(cost, row.currency, day);
      if (converted === undefined) {
        missing.add(`${day} ${row.currency}->${currency}`);
        continue;
      }
      cost = converted;
    }
    const dimensions = Object.fromEntries(
      query.groupBy.map((dimension) => [dimension, row.dimensions[dimension] ?? null]),
    );
    const key = JSON.stringify(dimensions);
    const group = groups.get(key);
    if (group) group.exact = group.exact.plus(cost);
    else groups.set(key, { dimensions, currency, cost: '', exact: cost });
  }
  if (missing.size > 0) throw missingRates([...missing].sort(), currency, rateBasis);
  let rows: CostRow[] = [...groups.values()].map(({ exact, ...row }) => ({ ...row, cost: exact.toFixed() }));
  const timeDimensions = query.groupBy.filter(isTimeDimension);
  rows.sort((a, b) => {
    for (const dimension of timeDimensions) {
      const order = (a.dimensions[dimension] ?? '').localeCompare(b.dimensions[dimension] ?? '');
      if (order !== 0) return order;
    }
    return new Decimal(b.cost).comparedTo(a.cost);
  });
  if (top !== undefined) rows = keepTopGroups(rows, top, query.groupBy);
  const total = rows.reduce((sum, row) => sum.plus(row.cost), new Decimal(0));
  return {
    query: { ...daily.query, groupBy: query.groupBy },
    rows,
    totals: rows.length > 0 ? [{ currency, cost: total.toFixed() }] : [],
    currency,
    rateBasis,
    billingTotals: daily.totals,
  };
}

/** Refuses a reporting currency that is not an ISO 4217 code (CURRENCY_UNKNOWN). */
export function requireReportingCurrency(currency: string, labels: FieldLabels<'currency'> = {}): void {
  if (!/^[A-Z]{3}$/.test(currency) || !isKnownCurrency(currency))
    throw new TollgateError(
      'CURRENCY_UNKNOWN',
      `${labelOf(labels, 'currency')} ${currency} is not an ISO 4217 code; write one such as EUR.`,
      'usage',
    );
}

export function missingRates(missing: string[], currency: string, basis: RateBasis): TollgateError {
  const [first] = missing;
  const [day, pair] = first!.split(' ') as [string, string];
  const [from] = pair.split('->');
  const shown = missing.slice(0, MAX_MISSING_SHOWN).join(', ');
  const more = missing.length > MAX_MISSING_SHOWN ? ` and ${missing.length - MAX_MISSING_SHOWN} more` : '';
  return new TollgateError(
    'RATE_MISSING',
    `No exchange rate for ${shown}${more}: spend on ${basis === 'month' ? 'those months' : 'those days'} cannot be shown in ${currency}. Add the rates (${from} to ${currency} from ${day}) and ask again.`,
    'conflict',
    { missing: missing.slice(0, 100) },
  );
}

/** The stored rates of the days' rate days into `currency` and out of it (the inverse direction). */
export async function listRatesBothWays(
  store: ExchangeRateStore,
  days: readonly string[],
  currency: string,
  basis: RateBasis,
): Promise<StoredExchangeRate[]> {
  const sorted = [...days].sort();
  const range = { fromDay: rateDayOf(sorted[0]!, basis), toDay: sorted[sorted.length - 1] };
  return [
    ...(await store.listRates({ ...range, toCurrency: currency })),
    ...(await store.listRates({ ...range, fromCurrency: currency })),
  ];
}
