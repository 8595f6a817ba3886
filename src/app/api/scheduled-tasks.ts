import type { Stores } from '../../ports/stores.js';
import { allocatePeriods } from '../allocation/run-allocation.js';
import { recordAudit } from '../audit/record-audit.js';
import { todayUtc } from '../budgets/budget-status-report.js';
import { evaluateAlerts } from '../budgets/evaluate-alerts.js';
import { forecastCosts } from '../budgets/forecast-costs.js';
import { openNotifier } from '../budgets/open-notifier.js';
import type { ScheduledTask } from './run-scheduler.js';

const SYSTEM = { name: 'system:scheduler', tokenId: null, address: null };

/**
 * The scheduled work of `tollgate serve`: alerts evaluated on an interval, forecasts of every
 * budget's scope refreshed (and saved as snapshots) on another, and allocation re-run for the
 * open periods that newly ingested data touched (triggered by ingestion, with its periods).
 */
export function buildScheduledTasks(
  stores: Stores,
  intervals: { alertsMs: number; forecastsMs: number },
): ScheduledTask[] {
  return [
    {
      name: 'alerts',
      intervalMs: intervals.alertsMs,
      run: async () => {
        const result = await evaluateAlerts(stores, openNotifier(), todayUtc());
        return { budgets: result.budgets.length, deliveries: result.deliveries.length };
      },
    },
    {
      name: 'forecasts',
      intervalMs: intervals.forecastsMs,
      run: async () => {
        const budgets = await stores.budgets.listBudgets();
        let saved = 0;
        for (const budget of budgets) {
          const forecasts = await forecastCosts(stores, {
            filters: budget.scope.filters,
            metric: budget.metric,
            horizon: 90,
            historyDays: 182,
            save: true,
          });
          saved += forecasts.length;
        }
        return { budgets: budgets.length, snapshots: saved };
      },
    },
    {
      name: 'allocation',
      intervalMs: 0,
      run: async (inputs) => {
        const periods = [...new Set((inputs as string[][]).flat())].sort();
        const allocated: string[] = [];
        for (const period of periods) {
          if (await stores.allocation.periods.getClosedPeriod(period)) continue;
          await stores.transaction(async () => {
            const summary = await allocatePeriods(stores, period, SYSTEM.name);
            await recordAudit(stores, SYSTEM, {
              action: 'allocation.run',
              target: `periods:${period}`,
              after: { runs: summary.runs.length, reason: 'new data' },
            });
          });
          allocated.push(period);
        }
        return { allocated };
      },
    },
  ];
}
