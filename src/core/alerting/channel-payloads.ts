import type { AlertRecord } from './alert-model.js';

/** What the explorer link of an alert says, if it has one (a path on the Tollgate dashboard). */
function explorerOf(alert: AlertRecord): string | undefined {
  return typeof alert.details.explorer === 'string' ? alert.details.explorer : undefined;
}

function facts(alert: AlertRecord): { title: string; value: string }[] {
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

/**
 * A Microsoft Teams message carrying an Adaptive Card (version 1.4), the body both a Teams
 * Workflows "when a webhook request is received" flow and a classic incoming webhook accept.
 */
export function buildTeamsBody(alert: AlertRecord): string {
  return JSON.stringify({
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              size: 'Medium',
              weight: 'Bolder',
              wrap: true,
              color: alert.severity === 'page' ? 'Attention' : 'Warning',
              text: `[${alert.severity.toUpperCase()}] ${alert.title}`,
            },
            { type: 'FactSet', facts: facts(alert) },
          ],
        },
      },
    ],
  });
}

/** PagerDuty's dedup keys are at most 255 characters; the alert key is unique per open alert. */
export function pagerDutyDedupKey(alert: AlertRecord): string {
  return `tollgate:${alert.key}`.slice(0, 255);
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
  return JSON.stringify({
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: {
      summary: alert.title.slice(0, 1024),
      source: 'tollgate',
      severity: alert.severity === 'page' ? 'critical' : 'warning',
      timestamp: alert.openedAt,
      component: alert.budget,
      group: 'budgets',
      class: alert.kind,
      custom_details: { alert: alert.id, key: alert.key, status: alert.status, ...alert.details },
    },
    client: 'Tollgate',
  });
}

/** An e-mail about an alert: subject and plain text, sent by the e-mail channel over SMTP. */
export interface AlertEmail {
  subject: string;
  text: string;
}

export function buildEmailBody(alert: AlertRecord): string {
  const email: AlertEmail = {
    subject: `[Tollgate ${alert.severity}] ${alert.title}`.slice(0, 250),
    text: [
      alert.title,
      '',
      ...facts(alert).map((fact) => `${fact.title}: ${fact.value}`),
      '',
      `Acknowledge it with: tollgate alerts ack ${alert.id}`,
    ].join('\n'),
  };
  return JSON.stringify(email);
}
