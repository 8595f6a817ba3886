import type { AlertRecord } from './alert-model.js';
import {
  buildEmail,
  buildPagerDutyTrigger,
  buildTeamsCard,
  type MessageFact,
  pagerDutyKey,
} from './channel-message-formats.js';

/** What the explorer link of an alert says, if it has one (a path on the Tollgate dashboard). */
function explorerOf(alert: AlertRecord): string | undefined {
  return typeof alert.details.explorer === 'string' ? alert.details.explorer : undefined;
}

function facts(alert: AlertRecord): MessageFact[] {
  const list = [
    { title: 'Budget', value: alert.budget },
    { title: 'Kind', value: alert.kind },
    { title: 'Severity', value: alert.severity },
    { title: 'Status', value: alert.status },
    { title: 'Opened', value: alert.openedAt },
    { title: 'Alert', value: `#${alert.id} (${alert.key})` },
  ];
  const explorer = explorerOf(alert);
  if (explorer) list.push({ title: 'Explorer', value: explorer });
  return list;
}

/** A Teams Adaptive Card about an alert: red for a page, amber for a ticket. */
export function buildTeamsBody(alert: AlertRecord): string {
  return buildTeamsCard(
    `[${alert.severity.toUpperCase()}] ${alert.title}`,
    alert.severity === 'page' ? 'Attention' : 'Warning',
    facts(alert),
  );
}

/** The alert key is unique per open alert, so its dedup key follows one alert through escalation. */
export function pagerDutyDedupKey(alert: AlertRecord): string {
  return pagerDutyKey(alert.key);
}

/**
 * A PagerDuty Events API v2 event: `trigger` while the alert is open or acknowledged (a repeat
 * or an escalation carries the same dedup key, so PagerDuty updates one incident instead of
 * paging twice), `resolve` once it is resolved. A page is `critical`, a ticket `warning`.
 */
export function buildPagerDutyBody(alert: AlertRecord, routingKey: string): string {
  const dedupKey = pagerDutyDedupKey(alert);
  if (alert.status === 'resolved')
    return JSON.stringify({ routing_key: routingKey, event_action: 'resolve', dedup_key: dedupKey });
  return buildPagerDutyTrigger({
    routingKey,
    dedupKey,
    summary: alert.title,
    severity: alert.severity === 'page' ? 'critical' : 'warning',
    timestamp: alert.openedAt,
    component: alert.budget,
    group: 'budgets',
    eventClass: alert.kind,
    details: { alert: alert.id, key: alert.key, status: alert.status, ...alert.details },
  });
}

export function buildEmailBody(alert: AlertRecord): string {
  return buildEmail(`[Tollgate ${alert.severity}] ${alert.title}`, alert.title, facts(alert), [
    '',
    `Acknowledge it with: tollgate alerts ack ${alert.id}`,
  ]);
}
