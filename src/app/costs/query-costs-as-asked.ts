import type { CostQuery } from '../../core/costs/cost-query.js';
import type { RateBasis } from '../../core/currency/convert-amount.js';
import type { FieldLabels } from '../../core/field-labels.js';
import { formatMoney } from '../../core/money.js';
import type { Stores } from '../../ports/stores.js';
import { type ConvertedCostReport, queryCostsInCurrency } from './convert-cost-report.js';
import { type CostReport, queryCosts } from './query-costs.js';

/** `costs` in billing currencies ('billing') or converted into one reporting currency. */
export function queryCostsAsAsked(
  stores: Stores,
  query: CostQuery,
  top: number | undefined,
  conversion: { currency: string; rateBasis: RateBasis },
  labels: FieldLabels<'from' | 'to' | 'metric' | 'currency'>,
): Promise<CostReport | ConvertedCostReport> {
  if (conversion.currency === 'billing') return queryCosts(stores.costs, query, top, labels);
  return queryCostsInCurrency(stores, query, conversion.currency, conversion.rateBasis, top, labels);
}

/** What `costs --json` adds when converted: the currency, the basis and the unconverted totals. */
export function convertedJson(report: CostReport | ConvertedCostReport) {
  if (!('billingTotals' in report)) return {};
  return {
    reportingCurrency: report.currency,
    rateBasis: report.rateBasis,
    billingTotals: report.billingTotals.map((total) => ({
      currency: total.currency,
      cost: formatMoney(total.cost),
    })),
  };
}
