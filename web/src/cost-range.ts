import { useMemo } from 'react';
import { fetchJson } from './api-client';
import type { CostReport } from './api-types';
import { Decimal } from './money-text';
import { type ApiState, useApi } from './use-api';

/**
 * What data there is, in one question: spend per currency and day. Every cost view needs its
 * currencies (largest first), the last day with data (the views' "today": billing data lags,
 * and the demo year lies in the past) and a daily series; asking once, and asking it while
 * /me is still answering (prefetchCostRange), keeps them off the critical path.
 */
export interface CostRange {
  /** Largest total first. */
  currencies: string[];
  /** The last day with spend, per currency (YYYY-MM-DD). */
  lastDay: Record<string, string>;
  /** Spend per day, oldest first, per currency (exact decimal strings). */
  daily: Record<string, { day: string; cost: string }[]>;
}

const PATH = '/api/v1/costs';
const rangeQuery = (metric: string) => ({ by: 'currency,day', metric });

/** Starts the question early (the answer is shared through the API client's cache). */
export function prefetchCostRange(metric = 'effective'): void {
  fetchJson(PATH, { query: rangeQuery(metric) }).catch(() => undefined);
}

export function summariseCostRange(report: CostReport): CostRange {
  const totals = new Map<string, Decimal>();
  const daily: CostRange['daily'] = {};
  for (const row of report.rows) {
    const currency = row.currency ?? '';
    if (!currency) continue;
    totals.set(currency, (totals.get(currency) ?? new Decimal(0)).plus(row.cost ?? '0'));
    const days = daily[currency] ?? [];
    days.push({ day: (row.day ?? '').slice(0, 10), cost: row.cost ?? '0' });
    daily[currency] = days;
  }
  const lastDay: CostRange['lastDay'] = {};
  for (const [currency, days] of Object.entries(daily)) {
    days.sort((a, b) => a.day.localeCompare(b.day));
    lastDay[currency] = days.at(-1)?.day ?? '';
  }
  const currencies = [...totals.entries()]
    .sort((a, b) => b[1].comparedTo(a[1]))
    .map(([currency]) => currency);
  return { currencies, lastDay, daily };
}

export function useCostRange(metric: string): ApiState<CostRange> {
  const state = useApi<CostReport>(PATH, { query: rangeQuery(metric) });
  return useMemo<ApiState<CostRange>>(
    () =>
      state.status === 'ready'
        ? { status: 'ready', data: summariseCostRange(state.data), error: undefined }
        : state,
    [state],
  );
}

/** Exact monthly sums of a daily series over [from, to). */
export function sumByMonth(days: { day: string; cost: string }[], from: string, to: string) {
  const months = new Map<string, Decimal>();
  for (const { day, cost } of days) {
    if (day < from || day >= to) continue;
    const month = day.slice(0, 7);
    months.set(month, (months.get(month) ?? new Decimal(0)).plus(cost));
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, cost]) => ({ month, cost: cost.toFixed() }));
}
