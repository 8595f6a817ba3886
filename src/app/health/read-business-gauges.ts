import { ALERT_SEVERITIES, type AlertSeverity } from '../../core/alerting/alert-model.js';
import { addDays } from '../../core/forecast/day-dates.js';
import type { Stores } from '../../ports/stores.js';
import { findDataRange } from '../costs/find-data-range.js';

export interface BusinessGauges {
  /** Alerts open now (not resolved), by severity; every severity listed, zero included. */
  openAlerts: Record<AlertSeverity, number>;
  /** Jobs queued and not yet started. */
  jobsWaiting: number;
  /** The last load that finished, per source format, as Unix seconds. */
  lastIngestBySource: Record<string, number>;
  /**
   * Effective cost dated today (UTC) per currency, as exact decimal text; a currency with no
   * line dated today is absent, never 0 (billing data arrives a day or two late).
   */
  spendToday: Record<string, string>;
  /** The last day with cost lines per currency, as Unix seconds of its start: how late the data is. */
  lastCostDayByCurrency: Record<string, number>;
}

/** The largest number of waiting jobs counted exactly; past it the gauge reads this bound. */
export const WAITING_JOBS_COUNTED = 10_000;

/** What a platform team alerts on, read from the stores at each scrape (read only). */
export async function readBusinessGauges(stores: Stores, now = new Date()): Promise<BusinessGauges> {
  const today = now.toISOString().slice(0, 10);
  const [alerts, waiting, loads, todayRows, range] = await Promise.all([
    stores.alerts.listAlerts(),
    stores.access.jobs.listJobs({ status: 'queued', limit: WAITING_JOBS_COUNTED }),
    stores.state.listLoads(),
    stores.costs.queryCosts({
      groupBy: ['day'],
      filters: [],
      metric: 'effective',
      from: today,
      to: addDays(today, 1),
    }),
    findDataRange(stores, 'effective'),
  ]);
  const spendToday: Record<string, string> = {};
  for (const row of todayRows) spendToday[row.currency] = row.cost;
  const lastCostDayByCurrency = Object.fromEntries(
    range.currencies.map((entry) => [entry.currency, Date.parse(`${entry.lastDay}T00:00:00Z`) / 1000]),
  );
  const openAlerts = Object.fromEntries(ALERT_SEVERITIES.map((severity) => [severity, 0])) as Record<
    AlertSeverity,
    number
  >;
  for (const alert of alerts) if (alert.status !== 'resolved') openAlerts[alert.severity] += 1;
  const lastIngestBySource: Record<string, number> = {};
  for (const load of loads) {
    const at = Date.parse(load.loadedAt) / 1000;
    lastIngestBySource[load.sourceFormat] = Math.max(lastIngestBySource[load.sourceFormat] ?? 0, at);
  }
  return { openAlerts, jobsWaiting: waiting.length, lastIngestBySource, spendToday, lastCostDayByCurrency };
}
