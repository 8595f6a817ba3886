import { useMemo } from 'react';
import type { CostReport } from '../api-types';
import { type ApiState, useApi } from '../use-api';

/**
 * The billing months that hold cost lines, newest first, read from GET /api/v1/costs?by=month
 * (every role may ask it), so each allocation tab offers months that have data.
 */
export function useCostMonths(): ApiState<string[]> {
  const state = useApi<CostReport>('/api/v1/costs', { query: { by: 'month' } });
  return useMemo((): ApiState<string[]> => {
    if (state.status !== 'ready') return state;
    const months = new Set<string>();
    for (const row of state.data.rows) {
      const month = row.month?.slice(0, 7);
      if (month && /^\d{4}-\d{2}$/.test(month)) months.add(month);
    }
    return { status: 'ready', data: [...months].sort().reverse(), error: undefined };
  }, [state]);
}
