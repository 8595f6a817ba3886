/**
 * The message shapes the channels accept, shared by every kind of message Tollgate sends
 * (budget and anomaly alerts, governance notices): each kind says what to say, these say how
 * Teams, PagerDuty and e-mail want it said.
 */

export interface MessageFact {
  title: string;
  value: string;
}

/**
 * A Microsoft Teams message carrying an Adaptive Card (version 1.4), the body both a Teams
 * Workflows "when a webhook request is received" flow and a classic incoming webhook accept.
 */
export function buildTeamsCard(
  headline: string,
  colour: 'Attention' | 'Warning' | 'Accent',
  facts: readonly MessageFact[],
): string {
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
              color: colour,
              text: headline,
            },
            { type: 'FactSet', facts },
          ],
        },
      },
    ],
  });
}

/** PagerDuty's dedup keys are at most 255 characters. */
export function pagerDutyKey(key: string): string {
  return `tollgate:${key}`.slice(0, 255);
}

export interface PagerDutyTrigger {
  routingKey: string;
  dedupKey: string;
  summary: string;
  severity: 'critical' | 'warning' | 'info';
  timestamp: string;
  component: string;
  group: string;
  eventClass: string;
  details: Record<string, unknown>;
  links?: { href: string; text: string }[];
}

/** A PagerDuty Events API v2 `trigger` event (a repeat with the same dedup key updates one incident). */
export function buildPagerDutyTrigger(event: PagerDutyTrigger): string {
  return JSON.stringify({
    routing_key: event.routingKey,
    event_action: 'trigger',
    dedup_key: event.dedupKey,
    payload: {
      summary: event.summary.slice(0, 1024),
      source: 'tollgate',
      severity: event.severity,
      timestamp: event.timestamp,
      component: event.component,
      group: event.group,
      class: event.eventClass,
      custom_details: event.details,
    },
    ...(event.links ? { links: event.links } : {}),
    client: 'Tollgate',
  });
}

/** An e-mail: subject and plain text, sent by the e-mail channel over SMTP. */
export interface ChannelEmail {
  subject: string;
  text: string;
}

/** An e-mail whose text is its first line, a blank line, the facts one per line, then any more lines. */
export function buildEmail(
  subject: string,
  first: string,
  facts: readonly MessageFact[],
  more: readonly string[] = [],
): string {
  const email: ChannelEmail = {
    subject: subject.slice(0, 250),
    text: [first, '', ...facts.map((fact) => `${fact.title}: ${fact.value}`), ...more].join('\n'),
  };
  return JSON.stringify(email);
}
