import type { CostQuery } from '../../core/costs/cost-query.js';
import type { RateBasis } from '../../core/currency/convert-amount.js';
import type { FieldLabels } from '../../core/field-labels.js';
import { formatMoney } from '../../core/money.js';
import type { Stores } from '../../ports/stores.js';
import { type ConvertedCostReport, queryCostsInCurrency } from './convert-cost-report.js';
import { findMonthsWithoutAllocation } from './find-months-without-allocation.js';
import { type CostReport, queryCosts } from './query-costs.js';

/** What a report grouped or filtered by an owner also says: the months its owners leave out. */
export interface AllocationGap {
  /** Months in range with cost lines but no allocation run (see findMonthsWithoutAllocation). */
  monthsWithoutAllocation: string[];
}

/** `costs` in billing currencies ('billing') or converted into one reporting currency. */
export async function queryCostsAsAsked(
  stores: Stores,
  query: CostQuery,
  top: number | undefined,
  conversion: { currency: string; rateBasis: RateBasis },
  labels: FieldLabels<'from' | 'to' | 'metric' | 'currency'>,
): Promise<(CostReport | ConvertedCostReport) & AllocationGap> {
  const report =
    conversion.currency === 'billing'
      ? await queryCosts(stores.costs, query, top, labels)
      : await queryCostsInCurrency(stores, query, conversion.currency, conversion.rateBasis, top, labels);
  return { ...report, monthsWithoutAllocation: await findMonthsWithoutAllocation(stores, query) };
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
