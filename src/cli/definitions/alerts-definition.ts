import { type Command, Option } from 'commander';
import { lazyAction } from './lazy-action.js';
import { nonNegativeInteger, positiveInteger } from './option-parsers.js';

const loadAlertsModule = () => import('../commands/alerts-command.js');
const loadFeedbackModule = () => import('../commands/alerts-feedback-action.js');

export function defineAlertsCommand(program: Command): void {
  const alerts = program
    .command('alerts')
    .description(
      'Budget burn-rate, threshold and anomaly alerts: evaluate, list, show, ack, silence; webhooks',
    );

  alerts
    .command('evaluate')
    .description(
      'Evaluate every budget (status, burn rates, thresholds, anomalies), record alerts, notify webhooks',
    )
    .option('--as-of <date>', 'evaluate as on this day (YYYY-MM-DD, default today UTC)')
    .option(
      '--webhook-timeout <ms>',
      'give up on a receiver that has not answered after this many ms',
      positiveInteger,
      5000,
    )
    .option('--webhook-attempts <n>', 'attempts per delivery, the first included', positiveInteger, 3)
    .option(
      '--webhook-backoff <ms>',
      'wait before the second attempt, doubled before each next one',
      nonNegativeInteger,
      1000,
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAlertsModule, (m) => m.runAlertsEvaluate));

  alerts
    .command('list', { isDefault: true })
    .description('Open and acknowledged alerts (--all for resolved ones too)')
    .option('--all', 'include resolved alerts')
    .option('--budget <name>', 'only this budget')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAlertsModule, (m) => m.runAlertsList));

  alerts
    .command('show')
    .description('One alert with its history and every delivery attempt')
    .argument('<id>', 'alert id')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAlertsModule, (m) => m.runAlertsShow));

  alerts
    .command('ack')
    .description('Acknowledge an open alert: someone is on it')
    .argument('<id>', 'alert id')
    .option('--by <name>', 'deprecated: must name who runs the command (the OS user, or the user of --token)')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAlertsModule, (m) => m.runAlertsAck));

  alerts
    .command('silence')
    .description('Record but do not notify new alerts for a window (a migration, a load test)')
    .option('--budget <name>', 'the budget to silence')
    .option('--all-budgets', 'silence every budget')
    .requiredOption('--for <duration>', 'how long: 30m, 4h, 2d (max 90d)')
    .requiredOption('--reason <text>', 'why, for the history')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAlertsModule, (m) => m.runAlertsSilence));

  alerts
    .command('feedback')
    .description(
      'Record whether an alert was a true or a false positive (audited; a later verdict replaces it)',
    )
    .argument('<id>', 'alert id')
    .requiredOption('--verdict <verdict>', 'true-positive (a real problem) or false-positive')
    .option('--note <text>', 'why, for the history')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadFeedbackModule, (m) => m.runAlertsFeedback));

  alerts
    .command('feedback-list')
    .description('Every recorded verdict, and true and false positives counted per alert kind')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadFeedbackModule, (m) => m.runAlertsFeedbackList));

  const webhooks = alerts.command('webhooks').description('Where alerts are posted: add, list, remove');
  webhooks
    .command('add')
    .description(
      'Send new alerts to a channel: a webhook signed with HMAC-SHA256 (headers x-tollgate-timestamp, x-tollgate-signature), Slack, Microsoft Teams, PagerDuty or e-mail',
    )
    .argument(
      '<url>',
      'http(s) URL of the receiver (PagerDuty: https://events.pagerduty.com/v2/enqueue), or mailto:a@x,b@y?from=s@x for e-mail',
    )
    .addOption(
      new Option(
        '--format <format>',
        'body: Tollgate JSON, a Slack message, a Teams Adaptive Card, a PagerDuty Events v2 event, or an e-mail',
      )
        .choices(['json', 'slack', 'teams', 'pagerduty', 'email'])
        .default('json'),
    )
    .requiredOption(
      '--secret <secret>',
      'json/slack/teams: signing secret shared with the receiver (16+ characters); pagerduty: the routing key; email: the SMTP server, smtp(s)://user:password@host:port',
    )
    .option(
      '--route <term>',
      'only what this owner hears: budget=NAME or a budget scope term (tag:team=payments) for alerts; approver=ROLE for approval requests; team=ID or catalog-service=ID also for approval requests and gate denials of their services; default everything',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAlertsModule, (m) => m.runAlertsWebhooksAdd));
  webhooks
    .command('list', { isDefault: true })
    .description('List webhooks (secrets are not shown)')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAlertsModule, (m) => m.runAlertsWebhooksList));
  webhooks
    .command('remove')
    .description('Stop posting to a webhook (its delivery history stays)')
    .argument('<id>', 'webhook id')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadAlertsModule, (m) => m.runAlertsWebhooksRemove));
}
