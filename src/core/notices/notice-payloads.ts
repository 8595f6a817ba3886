import {
  buildEmail,
  buildPagerDutyTrigger,
  buildTeamsCard,
  type MessageFact,
  pagerDutyKey,
} from '../alerting/channel-message-formats.js';
import type { WebhookFormat } from '../alerting/webhook-payload.js';
import type { GovernanceNotice } from './governance-notice.js';

const HEADINGS: Record<GovernanceNotice['kind'], string> = {
  'approval-request': 'Approval requested',
  'gate-denial': 'Deployment denied',
};

function factsWithLink(notice: GovernanceNotice): MessageFact[] {
  return [...notice.facts, { title: 'Link', value: notice.link }];
}

/** A denial is a `warning` in PagerDuty, an approval request `info`; the dedup key is the notice's. */
function buildPagerDutyNotice(notice: GovernanceNotice, routingKey: string): string {
  return buildPagerDutyTrigger({
    routingKey,
    dedupKey: pagerDutyKey(notice.key),
    summary: notice.title,
    severity: notice.kind === 'gate-denial' ? 'warning' : 'info',
    timestamp: notice.at,
    component: notice.service,
    group: 'governance',
    eventClass: notice.kind,
    details: Object.fromEntries(notice.facts.map((f) => [f.title, f.value])),
    links: [{ href: notice.link, text: 'Open in Tollgate' }],
  });
}

/**
 * The body sent for a governance notice, in the channel's format: Tollgate's own JSON (signed
 * by the notifier), a Slack message, a Teams Adaptive Card, a PagerDuty event, or an e-mail.
 */
export function buildNoticeBody(notice: GovernanceNotice, format: WebhookFormat, secret: string): string {
  if (format === 'teams')
    return buildTeamsCard(
      `${HEADINGS[notice.kind]}: ${notice.title}`,
      notice.kind === 'gate-denial' ? 'Attention' : 'Accent',
      factsWithLink(notice),
    );
  if (format === 'pagerduty') return buildPagerDutyNotice(notice, secret);
  if (format === 'email')
    return buildEmail(
      `[Tollgate] ${HEADINGS[notice.kind]}: ${notice.title}`,
      notice.title,
      factsWithLink(notice),
    );
  if (format === 'slack') {
    const icon = notice.kind === 'gate-denial' ? ':no_entry:' : ':raised_hand:';
    return JSON.stringify({
      text: `${icon} ${HEADINGS[notice.kind]}: ${notice.title}`,
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: `${icon} *${HEADINGS[notice.kind]}* ${notice.title}` },
        },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: factsWithLink(notice)
              .map((f) => `${f.title}: ${f.value}`)
              .join('\n'),
          },
        },
      ],
    });
  }
  return JSON.stringify({ type: `tollgate.${notice.kind}`, ...notice });
}
