import type { AlertRecord } from '../../core/alerting/alert-model.js';
import { routeMatchesBudget } from '../../core/alerting/webhook-route.js';
import { isCalendarDate } from '../../core/assets/calendar-months.js';
import {
  type RenewalNotice,
  renewalAlertCondition,
  upcomingRenewals,
} from '../../core/contracts/renewal-notices.js';
import { TollgateError } from '../../core/errors.js';
import type { Notifier } from '../../ports/notifier.js';
import type { Stores } from '../../ports/stores.js';
import { deliverPending, type Evaluation } from '../alerting/evaluate-alerts.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';

export const MAX_WITHIN_DAYS = 3660;

/** Reads the as-of day and the window of a renewals question, or says what to write. */
export function readRenewalWindow(asOf: string, within: string | number): { asOf: string; within: number } {
  const days = typeof within === 'number' ? within : /^\d+$/.test(within) ? Number(within) : Number.NaN;
  if (!isCalendarDate(asOf)) {
    throw new TollgateError(
      'RENEWAL_BAD_WINDOW',
      `'${asOf}' is not a day; give the as-of day as YYYY-MM-DD.`,
      'usage',
    );
  }
  if (!Number.isInteger(days) || days < 0 || days > MAX_WITHIN_DAYS) {
    throw new TollgateError(
      'RENEWAL_BAD_WINDOW',
      `'${within}' is not a number of days from 0 to ${MAX_WITHIN_DAYS}; say how far ahead to look, e.g. 90.`,
      'usage',
    );
  }
  return { asOf, within: days };
}

/** Contracts whose notice falls due within the window, or has passed while the term still runs. */
export async function listRenewals(
  stores: Stores,
  asOf: string,
  within: string | number,
): Promise<RenewalNotice[]> {
  const window = readRenewalWindow(asOf, within);
  const contracts = (await stores.contracts.listCurrent('vendor-contract')).map((version) => version.record);
  return upcomingRenewals(contracts, window.asOf, window.within);
}

/**
 * Raises renewal alerts through the alert channels, like a budget's: each notice still to give
 * within the window is one alert (one per contract and deadline, so a second run only touches
 * it); an open renewal alert whose notice is no longer due (given, passed, contract changed)
 * resolves. Alerts go to the catch-all webhooks, those routed to `budget=contract:<id>`, and
 * those routed to the owner team (`tag:team=<team>`); then pending deliveries are sent.
 * A run that opens or resolves an alert records one `contracts.renewal-alerts` audit entry as
 * `actor` in the same transaction; a run that only touches open alerts records none.
 */
export async function raiseRenewalAlerts(
  stores: Stores,
  notifier: Notifier,
  asOf: string,
  within: string | number,
  actor: Actor,
): Promise<{
  asOf: string;
  notices: RenewalNotice[];
  opened: AlertRecord[];
  stillOpen: number[];
  resolved: number[];
  deliveries: Evaluation['deliveries'];
}> {
  const notices = (await listRenewals(stores, asOf, within)).filter(
    (notice) => notice.status === 'notice-due',
  );
  const now = new Date().toISOString();
  const opened: AlertRecord[] = [];
  const stillOpen: number[] = [];
  const resolved: number[] = [];
  await stores.transaction(async () => {
    const webhooks = await stores.alerts.listWebhooks();
    const silences = await stores.alerts.activeSilences(now);
    const keys = new Set<string>();
    for (const notice of notices) {
      const condition = renewalAlertCondition(notice);
      keys.add(condition.key);
      const active = await stores.alerts.findActiveAlert(condition.key);
      if (active) {
        await stores.alerts.touchAlert(active.id, { ...condition.details, asOf }, condition.title, now);
        stillOpen.push(active.id);
        continue;
      }
      const owner = {
        name: condition.budget,
        scope: { filters: [{ dimension: 'tag:team' as const, values: [notice.ownerTeam] }] },
      };
      const silenced = silences.some(
        (silence) => silence.budget === null || silence.budget === condition.budget,
      );
      const alert = await stores.alerts.openAlert(
        { ...condition, details: { ...condition.details, asOf } },
        now,
        silenced,
      );
      if (!silenced)
        await stores.alerts.queueDeliveries(
          alert.id,
          now,
          webhooks.filter((webhook) => routeMatchesBudget(webhook.route, owner)).map((webhook) => webhook.id),
        );
      opened.push(alert);
    }
    for (const alert of await stores.alerts.listAlerts()) {
      if (alert.kind !== 'renewal' || keys.has(alert.key)) continue;
      await stores.alerts.resolveAlert(alert.id, now, 'notice no longer due in the window');
      resolved.push(alert.id);
    }
    if (opened.length + resolved.length > 0)
      await recordAudit(stores, actor, {
        action: 'contracts.renewal-alerts',
        target: `alerts:renewals:${asOf}`,
        after: { asOf, within: Number(within), opened: opened.map((alert) => alert.id), resolved },
      });
  });
  return { asOf, notices, opened, stillOpen, resolved, deliveries: await deliverPending(stores, notifier) };
}
