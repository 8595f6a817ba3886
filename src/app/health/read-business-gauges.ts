import { ALERT_SEVERITIES, type AlertSeverity } from '../../core/alerting/alert-model.js';
import type { Stores } from '../../ports/stores.js';

export interface BusinessGauges {
  /** Alerts open now (not resolved), by severity; every severity listed, zero included. */
  openAlerts: Record<AlertSeverity, number>;
  /** Jobs queued and not yet started. */
  jobsWaiting: number;
  /** The last load that finished, per source format, as Unix seconds. */
  lastIngestBySource: Record<string, number>;
}

/** The largest number of waiting jobs counted exactly; past it the gauge reads this bound. */
export const WAITING_JOBS_COUNTED = 10_000;

/** What a platform team alerts on, read from the stores at each scrape (read only). */
export async function readBusinessGauges(stores: Stores): Promise<BusinessGauges> {
  const [alerts, waiting, loads] = await Promise.all([
    stores.alerts.listAlerts(),
    stores.access.jobs.listJobs({ status: 'queued', limit: WAITING_JOBS_COUNTED }),
    stores.state.listLoads(),
  ]);
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
  return { openAlerts, jobsWaiting: waiting.length, lastIngestBySource };
}
