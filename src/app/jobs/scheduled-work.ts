import type { Stores } from '../../ports/stores.js';
import { evaluateAlerts } from '../alerting/evaluate-alerts.js';
import { type AlertDeliverySettings, openNotifier } from '../alerting/open-notifier.js';
import { allocatePeriods } from '../allocation/run-allocation.js';
import { todayUtc } from '../budget/budget-status-report.js';
import { raiseRenewalAlerts } from '../contracts/renewal-alerts.js';
import { forecastCosts } from '../forecast/forecast-costs.js';
import { deliverPendingNotices } from '../notices/notify-governance.js';

const SYSTEM = { name: 'system:scheduler', tokenId: null, address: null };

/** What the scheduled alerts run needs: how to deliver, and how far ahead renewals are looked for. */
export interface ScheduledAlertSettings extends AlertDeliverySettings {
  /** Days ahead for contract notice deadlines (the server setting TOLLGATE_RENEWAL_WINDOW_DAYS). */
  renewalWindowDays: number;
}

/**
 * Evaluates every budget's alerts as of today, then raises the contract renewal alerts whose
 * notice falls due within the configured renewal window (one per contract and notice date, so
 * each run only touches the ones already open), and delivers the notifications they open.
 */
export async function evaluateAlertsNow(
  stores: Stores,
  alerting: ScheduledAlertSettings,
  asOf: string = todayUtc(),
): Promise<{ budgets: number; renewals: number; deliveries: number }> {
  const notifier = openNotifier({ allowPrivate: alerting.allowPrivate });
  const result = await evaluateAlerts(stores, notifier, asOf, SYSTEM);
  const renewals = await raiseRenewalAlerts(stores, notifier, asOf, alerting.renewalWindowDays, SYSTEM);
  // Approval requests and gate denials that could not be delivered when raised are retried here.
  const notices = await deliverPendingNotices(stores, alerting);
  return {
    budgets: result.budgets.length,
    renewals: renewals.notices.length,
    deliveries: result.deliveries.length + renewals.deliveries.length + notices.length,
  };
}

/** Refreshes the forecast of every budget's scope and saves it as a snapshot. */
export async function refreshForecasts(stores: Stores): Promise<{ budgets: number; snapshots: number }> {
  const budgets = await stores.budgets.listBudgets();
  let saved = 0;
  for (const budget of budgets) {
    const forecasts = await forecastCosts(stores, {
      filters: budget.scope.filters,
      metric: budget.metric,
      horizon: 90,
      historyDays: 182,
      save: { actor: SYSTEM },
    });
    saved += forecasts.length;
  }
  return { budgets: budgets.length, snapshots: saved };
}

/**
 * Re-runs allocation for the given periods that are still open, each in its own transaction
 * (allocation replaces a period's run, so running it again is harmless).
 */
export async function reallocateOpenPeriods(
  stores: Stores,
  periods: string[],
): Promise<{ allocated: string[] }> {
  const allocated: string[] = [];
  for (const period of [...new Set(periods)].sort()) {
    if (await stores.allocation.periods.getClosedPeriod(period)) continue;
    // The allocation records its own audit entry, as the scheduler's (system:scheduler).
    await allocatePeriods(stores, period, SYSTEM);
    allocated.push(period);
  }
  if (allocated.length > 0) await stores.costs.refreshAllocatedRollups();
  return { allocated };
}
