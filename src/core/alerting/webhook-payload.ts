import type { AlertRecord } from './alert-model.js';
import { buildEmailBody, buildPagerDutyBody, buildTeamsBody } from './channel-payloads.js';

export const WEBHOOK_FORMATS = ['json', 'slack', 'teams', 'pagerduty', 'email'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * The body sent for an alert: Tollgate's own JSON, a Slack incoming-webhook message, a Teams
 * Adaptive Card, a PagerDuty event (the channel's secret is its routing key), or an e-mail.
 */
export function buildWebhookBody(alert: AlertRecord, format: WebhookFormat, secret: string): string {
  if (format === 'teams') return buildTeamsBody(alert);
  if (format === 'pagerduty') return buildPagerDutyBody(alert, secret);
  if (format === 'email') return buildEmailBody(alert);
  if (format === 'slack') {
    const icon = alert.severity === 'page' ? ':rotating_light:' : ':warning:';
    return JSON.stringify({
      text: `${icon} [${alert.severity}] ${alert.title}`,
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: `${icon} *${alert.severity.toUpperCase()}* ${alert.title}` },
        },
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: `alert #${alert.id} · ${alert.kind} · budget ${alert.budget} · ${alert.status}${typeof alert.details.explorer === 'string' ? ` · explorer: ${alert.details.explorer}` : ''}`,
            },
          ],
        },
      ],
    });
  }
  return JSON.stringify({
    type: 'tollgate.alert',
    id: alert.id,
    key: alert.key,
    budget: alert.budget,
    kind: alert.kind,
    severity: alert.severity,
    status: alert.status,
    title: alert.title,
    openedAt: alert.openedAt,
    details: alert.details,
  });
}
