import type { AlertRecord } from './alert-model.js';

export const WEBHOOK_FORMATS = ['json', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** The body posted for an alert: Tollgate's own JSON, or a Slack incoming-webhook message. */
export function buildWebhookBody(alert: AlertRecord, format: WebhookFormat): string {
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
