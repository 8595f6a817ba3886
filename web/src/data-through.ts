import { useCostRange } from './cost-range';
import type { ApiState } from './use-api';

/** The last day with cost data (YYYY-MM-DD) for a currency: the views' "today" (see cost-range.ts). */
export function useDataThrough(currency: string): ApiState<string | null> {
  const range = useCostRange();
  if (range.status !== 'ready') return range;
  if (!currency) return { status: 'loading', data: undefined, error: undefined };
  return { status: 'ready', data: range.data.lastDay[currency] ?? null, error: undefined };
}

export function addDays(day: string, count: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}
