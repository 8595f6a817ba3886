import { formatAlertAmount } from '../../core/alerting/alert-figure-text.js';
import type { AlertCondition, AlertRecord } from '../../core/alerting/alert-model.js';
import {
  budgetAlertConditions,
  escalationLevel,
  measureBurnRates,
} from '../../core/alerting/budget-alert-conditions.js';
import { buildExplorerLink } from '../../core/alerting/explorer-link.js';
import { buildWebhookBody } from '../../core/alerting/webhook-payload.js';
import { routeMatchesBudget } from '../../core/alerting/webhook-route.js';
import { detectAnomalies } from '../../core/anomaly/detect-anomalies.js';
import type { Budget } from '../../core/budget/budget-model.js';
import { isTollgateError, TollgateError } from '../../core/errors.js';
import { addDays, daysBetween, isDayText } from '../../core/forecast/day-dates.js';
import { Decimal } from '../../core/money.js';
import type { Notifier } from '../../ports/notifier.js';
import type { Stores } from '../../ports/stores.js';
import { rankContributors } from '../anomaly/detect-cost-anomalies.js';
import { findSuspectDeployments } from '../anomaly/find-recent-deployments.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';
import { type BudgetStatusReport, reportBudgetStatus } from '../budget/budget-status-report.js';
import { saveForecastSnapshot } from '../forecast/forecast-costs.js';

export interface BudgetEvaluation {
  budget: string;
  error: { code: string; message: string } | null;
  burnRate: { fast: number; slow: number; daysToExhaustion: number | null } | null;
  conditions: string[];
}

export interface Evaluation {
  asOf: string;
  budgets: BudgetEvaluation[];
  opened: AlertRecord[];
  stillOpen: number[];
  /** Open alerts that reached a higher level (a threshold alert from 80% to 100%): sent again. */
  escalated: number[];
  resolved: number[];
  deliveries: {
    alertId: number;
    webhookId: number;
    delivered: boolean;
    attempts: number;
    lastError: string | null;
  }[];
}

/** Anomalies that ended within this many days of the data's last day are still news. */
const RECENT_ANOMALY_DAYS = 3;

/**
 * Anomaly alerts of a budget's scope: usage anomalies of the last 90 days whose impact is at
 * least 5% of the budgeted daily rate (smaller moves cannot matter to this budget), recent
 * ones only; a ticket, or a page when one anomaly costs more than a whole day's budget.
 */
async function anomalyConditions(
  stores: Stores,
  budget: Budget,
  report: BudgetStatusReport,
): Promise<AlertCondition[]> {
  const { series } = report;
  const daily = new Decimal(budget.amount).div(report.status.period.days);
  // The detector is a statistical model: it reads the exact history as numbers.
  const values = series.series.usage.slice(-90).map(Number);
  const offset = series.series.usage.length - values.length;
  const dayOf = (index: number) => addDays(series.series.firstDay, offset + index);
  const conditions: AlertCondition[] = [];
  for (const found of detectAnomalies(values, { minImpact: Number(daily.times(0.05).toFixed(6)) })) {
    const end = dayOf(found.endIndex);
    if (daysBetween(end, series.lastDay) > RECENT_ANOMALY_DAYS) continue;
    const start = dayOf(found.startIndex);
    const impact = new Decimal(found.impact.toFixed(6));
    const contributors = await rankContributors(stores.costs, {
      filters: budget.scope.filters,
      metric: budget.metric,
      currency: budget.currency,
      start,
      end,
      direction: found.direction,
      dimensions: ['service', 'billing-account', 'region', 'resource'],
    });
    const top = contributors[0];
    const suspects = await findSuspectDeployments(stores, {
      filters: budget.scope.filters,
      start,
      impact: impact.toFixed(2),
      contributors,
    });
    conditions.push({
      key: `${budget.name}:anomaly:${start}:${found.direction}`,
      budget: budget.name,
      kind: 'anomaly',
      severity: impact.abs().gte(daily) ? 'page' : 'ticket',
      title: `Cost ${found.direction} in budget ${budget.name} since ${start}: ${formatAlertAmount(found.actual)} vs expected ${formatAlertAmount(found.expected)} ${budget.currency}${top ? ` (top: ${top.dimension} ${top.value ?? '(none)'} ${top.change})` : ''}`,
      details: {
        start,
        end,
        direction: found.direction,
        expected: found.expected.toFixed(2),
        actual: found.actual.toFixed(2),
        impact: impact.toFixed(2),
        score: Math.round(found.score * 100) / 100,
        contributors,
        explorer: buildExplorerLink({
          filters: budget.scope.filters,
          metric: budget.metric,
          currency: budget.currency,
          from: addDays(start, -28),
          until: end,
          by: contributors[0]?.dimension ?? 'service',
        }),
        deploymentsBefore: suspects.deployments,
        deploymentWindow: suspects.window,
      },
    });
  }
  return conditions;
}

/**
 * Runs every budget's status, burn rates, thresholds and anomaly detection, and records the
 * alerts in one transaction: a condition with an open alert of the same key updates it (one
 * open alert per key), a new one opens (silenced when a silence covers its budget), and an
 * open alert whose condition no longer holds resolves. Forecast snapshots are stored too.
 * A resolved alert is sent again to its PagerDuty channels, as a resolve event.
 * A run that opens, escalates or resolves an alert records one `alerts.evaluate` audit entry
 * as `actor`, in the same transaction; a run that changes no alert's state records none (it
 * only refreshed the details and forecast snapshots that every run recomputes).
 * Then pending deliveries, new and earlier, go to the webhooks; every attempt is recorded, and
 * a delivery that fails stays pending for the next run, so a receiver that is down loses nothing.
 */
export async function evaluateAlerts(
  stores: Stores,
  notifier: Notifier,
  asOf: string,
  actor: Actor,
): Promise<Evaluation> {
  if (!isDayText(asOf))
    throw new TollgateError(
      'ALERTS_BAD_DATE',
      `The as-of day ${asOf} is not a date; write YYYY-MM-DD.`,
      'usage',
    );
  const now = new Date().toISOString();
  const budgets = await stores.budgets.listBudgets();
  const evaluations: BudgetEvaluation[] = [];
  const work: { budget: Budget; report: BudgetStatusReport | null; conditions: AlertCondition[] }[] = [];
  for (const budget of budgets) {
    try {
      const report = await reportBudgetStatus(stores, budget, asOf);
      const conditions = [
        ...budgetAlertConditions(budget, report.status),
        ...(await anomalyConditions(stores, budget, report)),
      ].map((condition) => ({ ...condition, details: { ...condition.details, asOf } }));
      work.push({ budget, report, conditions });
      evaluations.push({
        budget: budget.name,
        error: null,
        burnRate: measureBurnRates(report.status),
        conditions: conditions.map((c) => c.key),
      });
    } catch (error) {
      if (!isTollgateError(error)) throw error;
      // A budget that cannot be measured keeps its alerts as they are and says why.
      evaluations.push({
        budget: budget.name,
        error: { code: error.code, message: error.message },
        burnRate: null,
        conditions: [],
      });
    }
  }
  const opened: AlertRecord[] = [];
  const stillOpen: number[] = [];
  const escalated: number[] = [];
  const resolved: number[] = [];
  await stores.transaction(async () => {
    const silences = await stores.alerts.activeSilences(now);
    const webhooks = await stores.alerts.listWebhooks();
    for (const { budget, report, conditions } of work) {
      const silenced = silences.some((s) => s.budget === null || s.budget === budget.name);
      // Routed by owner: each alert goes to the catch-all webhooks and those routed to its budget.
      const routed = webhooks.filter((w) => routeMatchesBudget(w.route, budget));
      const routedTo = routed.map((w) => w.id);
      // PagerDuty hears of the resolution too (a resolve event closes its incident).
      const resolveTo = routed.filter((w) => w.format === 'pagerduty').map((w) => w.id);
      for (const condition of conditions) {
        const active = await stores.alerts.findActiveAlert(condition.key);
        if (active) {
          stillOpen.push(active.id);
          // An evaluation as of an earlier day than the alert last saw does not rewrite it.
          if (seenAfter(active, asOf)) continue;
          await stores.alerts.touchAlert(active.id, condition.details, condition.title, now);
          if (escalationLevel(condition.details) > escalationLevel(active.details) && !active.silenced) {
            await stores.alerts.requeueDeliveries(active.id, now, routedTo);
            escalated.push(active.id);
          }
          continue;
        }
        const alert = await stores.alerts.openAlert(condition, now, silenced);
        if (!silenced) await stores.alerts.queueDeliveries(alert.id, now, routedTo);
        opened.push(alert);
      }
      const keys = new Set(conditions.map((c) => c.key));
      for (const alert of await stores.alerts.listAlerts({ budget: budget.name })) {
        // Still live as of a later day than this evaluation's: not this evaluation's to resolve.
        // Renewal alerts share the store (budget `contract:<id>`, which a budget may also be
        // named): raiseRenewalAlerts alone opens and resolves them.
        if (alert.kind === 'renewal' || keys.has(alert.key) || seenAfter(alert, asOf)) continue;
        await stores.alerts.resolveAlert(alert.id, now, 'condition no longer holds');
        if (!alert.silenced && resolveTo.length > 0)
          await stores.alerts.requeueDeliveries(alert.id, now, resolveTo);
        resolved.push(alert.id);
      }
      if (report?.forecast)
        await saveForecastSnapshot(
          stores,
          { scopeKey: report.scopeKey, currency: budget.currency, forecast: report.forecast },
          budget.metric,
          budget.scope.filters,
        );
    }
    if (opened.length + escalated.length + resolved.length > 0)
      await recordAudit(stores, actor, {
        action: 'alerts.evaluate',
        target: `alerts:${asOf}`,
        after: { asOf, opened: opened.map((alert) => alert.id), escalated, resolved },
      });
  });
  return {
    asOf,
    budgets: evaluations,
    opened,
    stillOpen,
    escalated,
    resolved,
    deliveries: await deliverPending(stores, notifier),
  };
}

/** True when the alert was last evaluated as of a day after `asOf`. */
function seenAfter(alert: AlertRecord, asOf: string): boolean {
  const seen = alert.details.asOf;
  return typeof seen === 'string' && seen > asOf;
}

/** Sends every pending delivery; each attempt is recorded in its own transaction as it happens. */
export async function deliverPending(stores: Stores, notifier: Notifier): Promise<Evaluation['deliveries']> {
  const pending = await stores.alerts.pendingDeliveries();
  if (pending.length === 0) return [];
  const webhooks = new Map((await stores.alerts.listWebhooks()).map((w) => [w.id, w]));
  const results: Evaluation['deliveries'] = [];
  for (const delivery of pending) {
    const webhook = webhooks.get(delivery.webhookId);
    const alert = await stores.alerts.getAlert(delivery.alertId);
    if (!webhook || !alert) continue;
    const outcome = await notifier.send(webhook, buildWebhookBody(alert, webhook.format, webhook.secret));
    await stores.transaction(async () => {
      for (const [index, attempt] of outcome.attempts.entries()) {
        const last = index === outcome.attempts.length - 1;
        await stores.alerts.recordAttempt(
          {
            alertId: alert.id,
            webhookId: webhook.id,
            ...attempt,
            attempt: delivery.attempts + attempt.attempt,
          },
          last && outcome.delivered,
        );
      }
    });
    results.push({
      alertId: alert.id,
      webhookId: webhook.id,
      delivered: outcome.delivered,
      attempts: outcome.attempts.length,
      lastError: outcome.attempts[outcome.attempts.length - 1]?.error ?? null,
    });
  }
  return results;
}
