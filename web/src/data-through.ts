import type { CostReport } from './api-types';
import { type ApiState, useApi } from './use-api';

/**
 * The last day with cost data (YYYY-MM-DD) for a currency: the views' "today". Billing data
 * lags, and a demo year lies in the past, so "this month" means the data's last month. Two
 * small questions: the months with data, then the days of the last one.
 */
export function useDataThrough(currency: string, metric: string): ApiState<string | null> {
  const months = useApi<CostReport>(currency ? '/api/v1/costs' : null, {
    query: { by: 'month', metric, filter: [`currency=${currency}`] },
  });
  const lastMonth =
    months.status === 'ready'
      ? (months.data.rows
          .map((row) => (row.month ?? '').slice(0, 7))
          .sort()
          .at(-1) ?? null)
      : null;
  const days = useApi<CostReport>(lastMonth ? '/api/v1/costs' : null, {
    query: { by: 'day', metric, from: `${lastMonth}-01`, filter: [`currency=${currency}`] },
  });
  if (months.status === 'error') return months;
  if (months.status === 'ready' && lastMonth === null)
    return { status: 'ready', data: null, error: undefined };
  if (days.status !== 'ready')
    return days.status === 'error' ? days : { status: 'loading', data: undefined, error: undefined };
  const last =
    days.data.rows
      .map((row) => (row.day ?? '').slice(0, 10))
      .sort()
      .at(-1) ?? null;
  return { status: 'ready', data: last, error: undefined };
}

export function addDays(day: string, count: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}
