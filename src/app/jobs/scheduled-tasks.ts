import type { Stores } from '../../ports/stores.js';

import type { ScheduledTask } from './run-scheduler.js';
import {
  evaluateAlertsNow,
  reallocateOpenPeriods,
  refreshForecasts,
  type ScheduledAlertSettings,
} from './scheduled-work.js';

/**
 * The scheduled work of `tollgate serve` in embedded mode: alerts evaluated on an interval,
 * forecasts of every budget's scope refreshed (and saved as snapshots) on another, and
 * allocation re-run for the open periods that newly ingested data touched (triggered by
 * ingestion, with its periods). Server mode runs the same work as queue schedules.
 */
export function buildScheduledTasks(
  stores: Stores,
  intervals: { alertsMs: number; forecastsMs: number },
  alerting: ScheduledAlertSettings,
): ScheduledTask[] {
  return [
    { name: 'alerts', intervalMs: intervals.alertsMs, run: () => evaluateAlertsNow(stores, alerting) },
    { name: 'forecasts', intervalMs: intervals.forecastsMs, run: () => refreshForecasts(stores) },
    {
      name: 'allocation',
      intervalMs: 0,
      run: (inputs) => reallocateOpenPeriods(stores, (inputs as string[][]).flat()),
    },
  ];
}
