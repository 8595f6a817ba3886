import { useCostRange } from './cost-range';
import { lastDayOfChoice, readCurrencyChoice } from './currency-choice';
import type { ApiState } from './use-api';

/**
 * The last day with cost data (YYYY-MM-DD) for a currency choice (a billing currency, or all
 * converted: see currency-choice.ts): the views' "today" (see cost-range.ts).
 */
export function useDataThrough(choiceValue: string): ApiState<string | null> {
  const range = useCostRange();
  if (range.status !== 'ready') return range;
  if (!choiceValue) return { status: 'loading', data: undefined, error: undefined };
  return {
    status: 'ready',
    data: lastDayOfChoice(readCurrencyChoice(choiceValue), range.data.lastDay),
    error: undefined,
  };
}

export function addDays(day: string, count: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}
