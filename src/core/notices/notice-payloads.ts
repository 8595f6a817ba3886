import type { AlertEmail } from '../alerting/channel-payloads.js';
import type { WebhookFormat } from '../alerting/webhook-payload.js';
import type { GovernanceNotice } from './governance-notice.js';

const HEADINGS: Record<GovernanceNotice['kind'], string> = {
  'approval-request': 'Approval requested',
  'gate-denial': 'Deployment denied',
};

function factLines(notice: GovernanceNotice): string[] {
  return [...notice.facts, { title: 'Link', value: notice.link }].map((f) => `${f.title}: ${f.value}`);
}

function buildTeamsNotice(notice: GovernanceNotice): string {
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
              color: notice.kind === 'gate-denial' ? 'Attention' : 'Accent',
              text: `${HEADINGS[notice.kind]}: ${notice.title}`,
            },
            { type: 'FactSet', facts: [...notice.facts, { title: 'Link', value: notice.link }] },
          ],
        },
      },
    ],
  });
}

/**
 * A PagerDuty event: a denial is a `warning`, an approval request `info`; the dedup key is the
 * notice's, so a repeat updates one incident instead of opening another.
 */
function buildPagerDutyNotice(notice: GovernanceNotice, routingKey: string): string {
  return JSON.stringify({
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: `tollgate:${notice.key}`.slice(0, 255),
    payload: {
      summary: notice.title.slice(0, 1024),
      source: 'tollgate',
      severity: notice.kind === 'gate-denial' ? 'warning' : 'info',
      timestamp: notice.at,
      component: notice.service,
      group: 'governance',
      class: notice.kind,
      custom_details: Object.fromEntries(notice.facts.map((f) => [f.title, f.value])),
    },
    links: [{ href: notice.link, text: 'Open in Tollgate' }],
    client: 'Tollgate',
  });
}

/**
 * The body sent for a governance notice, in the channel's format: Tollgate's own JSON (signed
 * by the notifier), a Slack message, a Teams Adaptive Card, a PagerDuty event, or an e-mail.
 */
export function buildNoticeBody(notice: GovernanceNotice, format: WebhookFormat, secret: string): string {
  if (format === 'teams') return buildTeamsNotice(notice);
  if (format === 'pagerduty') return buildPagerDutyNotice(notice, secret);
  if (format === 'email') {
    const email: AlertEmail = {
      subject: `[Tollgate] ${HEADINGS[notice.kind]}: ${notice.title}`.slice(0, 250),
      text: [notice.title, '', ...factLines(notice)].join('\n'),
    };
    return JSON.stringify(email);
  }
  if (format === 'slack') {
    const icon = notice.kind === 'gate-denial' ? ':no_entry:' : ':raised_hand:';
    return JSON.stringify({
      text: `${icon} ${HEADINGS[notice.kind]}: ${notice.title}`,
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: `${icon} *${HEADINGS[notice.kind]}* ${notice.title}` },
        },
        { type: 'section', text: { type: 'mrkdwn', text: factLines(notice).join('\n') } },
      ],
    });
  }
  return JSON.stringify({ type: `tollgate.${notice.kind}`, ...notice });
}
